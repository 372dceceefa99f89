package io.agent4j.test.eval;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The results of an eval set's run: as a table for people, JUnit XML for CI, JSON for programs.
 *
 * @param name the set's name (its file's, without {@code .jsonl}), the test suite's name in JUnit XML
 * @param results one per case, in the set's order
 */
public record EvalReport(String name, List<EvalResult> results) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Copies the results. */
    public EvalReport {
        results = List.copyOf(results);
    }

    /** The share of cases that passed, 0 to 1. */
    public double passRate() {
        return results.isEmpty() ? 0 : (double) results.stream().filter(EvalResult::passed).count() / results.size();
    }

    /** Whether at least {@code minPass} of the cases passed (0.9: nine in ten). */
    public boolean passes(double minPass) {
        return passRate() >= minPass;
    }

    /** A table of the cases (case, pass or fail, steps, tokens, cost, time), each failure's problems, and a summary. */
    public String table() {
        int width = Math.max(4, results.stream().mapToInt(r -> r.evalCase().id().length()).max().orElse(4));
        StringBuilder out = new StringBuilder();
        String row = "%-" + width + "s  %-4s  %5s  %7s  %11s  %8s%n";
        out.append(String.format(Locale.ROOT, row, "case", "", "steps", "tokens", "cost", "time"));
        for (EvalResult r : results) {
            out.append(String.format(Locale.ROOT, row, r.evalCase().id(), r.passed() ? "pass" : "FAIL", r.steps(),
                    r.tokens(), r.cost().map(c -> "$" + c.toPlainString()).orElse("-"),
                    r.time().toMillis() + " ms"));
            for (String problem : r.problems()) {
                out.append("    ").append(problem).append(System.lineSeparator());
            }
        }
        long passed = results.stream().filter(EvalResult::passed).count();
        out.append(String.format(Locale.ROOT, "%d of %d passed (%.0f%%)%n", passed, results.size(), passRate() * 100));
        return out.toString();
    }

    /** The report as JUnit XML: one {@code testsuite}, a {@code testcase} per case, a {@code failure} per failed one. */
    public String junitXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", name);
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(results.stream().filter(r -> !r.passed()).count()));
            xml.writeAttribute("time", seconds(results.stream().mapToLong(r -> r.time().toMillis()).sum()));
            for (EvalResult r : results) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", name);
                xml.writeAttribute("name", r.evalCase().id());
                xml.writeAttribute("time", seconds(r.time().toMillis()));
                if (!r.passed()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", r.problems().get(0));
                    xml.writeCharacters(String.join("\n", r.problems()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the JUnit XML of " + name, e);
        }
        return text + "\n";
    }

    /** The report as JSON: {@code {"name", "pass_rate", "cases": [{"id", "passed", "problems", "steps", "tokens", "cost", "time_ms"}]}}. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("pass_rate", passRate());
        ArrayNode cases = root.putArray("cases");
        for (EvalResult r : results) {
            ObjectNode c = cases.addObject();
            c.put("id", r.evalCase().id());
            c.put("passed", r.passed());
            ArrayNode problems = c.putArray("problems");
            r.problems().forEach(problems::add);
            c.put("steps", r.steps());
            c.put("tokens", r.tokens());
            if (r.cost().isPresent()) {
                c.put("cost", r.cost().get());
            } else {
                c.putNull("cost");
            }
            c.put("time_ms", r.time().toMillis());
        }
        return JSON.writeValueAsString(root);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
