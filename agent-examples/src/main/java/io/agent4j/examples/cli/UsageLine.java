package io.agent4j.examples.cli;

import io.agent4j.AgentListener;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Usage;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * The tokens and cost of one answer, as the line printed on stderr after it:
 * {@code [1,325 tokens: 1,233 prompt (0 cached) + 92 completion; cost $0.00024015]}. A cost the
 * price table cannot give is {@code cost unknown (model 'scripted' is not in the price table)},
 * never a made-up zero; so are tokens the server did not report:
 * {@code [tokens unknown (the server reported no usage); cost unknown]}. It listens to the run to learn which model answered, so it can name it.
 */
final class UsageLine implements AgentListener {

    private static final MathContext SHOWN = new MathContext(6, RoundingMode.HALF_UP);

    private final PriceTable prices;
    private String lastModel;
    private String unpricedModel;
    private boolean unpriced;

    /** A line that judges the models' prices by {@code prices}, the agent's own table. */
    UsageLine(PriceTable prices) {
        this.prices = prices;
    }

    /** Forgets the models of the previous run when a run starts. */
    @Override
    public void onRequest(int step, ChatRequest request) {
        if (step == 1) {
            lastModel = null;
            unpricedModel = null;
            unpriced = false;
        }
    }

    /** Notes the model that answered, and whether the price table knows it. */
    @Override
    public void onResponse(int step, ChatResponse response) {
        lastModel = response.model();
        if (prices.price(response.model()).isEmpty()) {
            unpriced = true;
            unpricedModel = response.model();
        }
    }

    /** The line for one run: its tokens and cost. */
    String line(AgentResult result) {
        return "[" + tokens(result.usage()) + "; " + cost(result.cost(), result.usage()) + "]";
    }

    /** The line for one turn of a session, followed by the running total of the session. */
    String line(AgentResult result, Usage total, Optional<BigDecimal> totalCost) {
        String tokens = total.known() ? count(total.totalTokens()) + " tokens"
                : total.totalTokens() == 0 ? "tokens unknown" : "at least " + count(total.totalTokens()) + " tokens";
        return "[" + tokens(result.usage()) + "; " + cost(result.cost(), result.usage()) + " | session "
                + tokens + ", " + totalCost.map(c -> "$" + dollars(c)).orElse("cost unknown") + "]";
    }

    /**
     * The tokens; an unknown usage says so ({@code tokens unknown (the server reported no usage)}), and
     * one known only for some calls is {@code at least} what those reported.
     */
    private static String tokens(Usage usage) {
        if (!usage.known() && usage.totalTokens() == 0) {
            return "tokens unknown (the server reported no usage)";
        }
        String line = count(usage.totalTokens()) + " tokens: " + count(usage.promptTokens()) + " prompt ("
                + count(usage.cachedPromptTokens()) + " cached) + " + count(usage.completionTokens()) + " completion";
        line = usage.reasoningTokens() > 0 ? line + " (" + count(usage.reasoningTokens()) + " reasoning)" : line;
        return usage.known() ? line : "at least " + line + " (the server did not report the usage of every call)";
    }

    private String cost(Optional<BigDecimal> cost, Usage usage) {
        if (cost.isPresent()) {
            return "cost $" + dollars(cost.get());
        }
        if (!usage.known()) {
            return "cost unknown";
        }
        String model = unpriced ? unpricedModel : lastModel;
        return model == null
                ? "cost unknown (the server did not name the model)"
                : "cost unknown (model '" + model + "' is not in the price table)";
    }

    /** US dollars to six significant digits, in plain notation: {@code 0.00024015}. */
    static String dollars(BigDecimal amount) {
        BigDecimal shown = amount.round(SHOWN).stripTrailingZeros();
        return shown.signum() == 0 ? "0" : shown.toPlainString();
    }

    private static String count(long tokens) {
        return String.format(Locale.ROOT, "%,d", tokens);
    }
}
