package io.agent4j.guardrail;

/**
 * Ready guardrails, each small and named for its events:
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .model(OpenAiChatModel.fromEnv())
 *         .tools(new Orders())
 *         .inputGuardrail(Guardrails.blockList("password", "api key"))
 *         .toolGuardrail(Guardrails.redactPii())
 *         .outputGuardrail(Guardrails.maxAnswerLength(1_000))
 *         .outputGuardrail(Guardrails.mustCiteToolResults())
 *         .build();
 * }</pre>
 */
public final class Guardrails {

    private Guardrails() {
    }

    /**
     * Asks the model to answer again, shorter, when its final answer (for a typed answer, its JSON)
     * has more than {@code maxCharacters} characters (Unicode code points); named {@code max-answer-length}.
     *
     * @throws IllegalArgumentException when {@code maxCharacters} is less than 1
     */
    public static OutputGuardrail maxAnswerLength(int maxCharacters) {
        return new MaxAnswerLength(maxCharacters);
    }

    /**
     * Blocks words and phrases, case-insensitively and as whole words ({@code "pass"} does not block
     * "passport"; the spaces of a phrase match any run of white space). As an input guardrail it stops
     * the run; as an output guardrail it asks the model to answer again without them. Named
     * {@code block-list}; {@link BlockList#named} gives another name.
     *
     * @throws IllegalArgumentException when no word is given, or one is blank
     */
    public static BlockList blockList(String... words) {
        return BlockList.ofWords(words);
    }

    /**
     * Blocks what any of these regular expressions finds, as written (add {@code (?i)} to ignore
     * case), with the stop and retry of {@link #blockList}.
     *
     * @throws IllegalArgumentException when no expression is given, or one is blank or invalid
     */
    public static BlockList blockPatterns(String... regexes) {
        return BlockList.ofPatterns(regexes);
    }

    /**
     * Asks the model to answer again when its final answer quotes a number that appears in no tool
     * result and in none of the user's messages of the conversation, naming those numbers. Numbers are
     * compared by value ({@code 1,234.50} is {@code 1234.5}, {@code 05} is {@code 5}), and may be
     * rounded to the decimals the answer shows ({@code 7.05} cites {@code 7.05479}). Signs are ignored,
     * a date is its numbers ({@code May 1, 2024} cites {@code 2024-05-01}), and a number that is part
     * of a name ({@code A1}, {@code gpt-4o}) or numbers a list item is not checked. Named
     * {@code must-cite-tool-results}.
     */
    public static OutputGuardrail mustCiteToolResults() {
        return new CitedNumbers();
    }

    /**
     * Rewrites tool results before the model sees them: e-mail addresses become {@code [email]}, phone
     * numbers {@code [phone]} and card numbers {@code [card]}. A card number is 13 to 19 digits, in
     * groups or not, that pass the Luhn check, so that an order id or other long number is left as it
     * is; a phone number has a country code ({@code +49 30 1234567}), an area code in parentheses
     * ({@code (555) 123-4567}) or three groups ({@code 415-555-0134}), so that dates, amounts and plain
     * numbers are left as they are; IBANs are left as they are. Named {@code pii-redactor}.
     */
    public static ToolGuardrail redactPii() {
        return new PiiRedactor();
    }
}
