package io.agent4j.guardrail;

/** The default name of a guardrail: its class's simple name, or where a lambda was written. */
final class Names {

    private Names() {
    }

    static String of(Object guardrail) {
        Class<?> type = guardrail.getClass();
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            String owner = name.substring(0, lambda);
            return "lambda in " + owner.substring(owner.lastIndexOf('.') + 1);
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? name.substring(name.lastIndexOf('.') + 1) : simple;
    }
}
