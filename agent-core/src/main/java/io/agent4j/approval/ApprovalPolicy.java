package io.agent4j.approval;

import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which tool calls need a person's approval before they run. It sees the call (tool and
 * arguments), the reason its tool declares ({@code @Tool(approval = ...)}, {@code ToolSpec.withApproval}),
 * and the call's context. The agent's policy is {@link #declared()} unless set otherwise.
 *
 * <pre>{@code
 * ApprovalPolicy bigTransfers = ApprovalPolicy.declared().or((call, declared, context) ->
 *         call.name().equals("transfer") && call.arguments().contains("\"amount\":1000")
 *                 ? Optional.of("a transfer of 1000 or more") : Optional.empty());
 * }</pre>
 */
@FunctionalInterface
public interface ApprovalPolicy {

    /**
     * Why {@code call} needs approval; empty when it may run without.
     *
     * @param declared the reason its tool declares, if any
     */
    Optional<String> check(ToolCall call, Optional<String> declared, ToolContext context);

    /** Approval for the calls whose tool declares it, and for no other. */
    static ApprovalPolicy declared() {
        return (call, declared, context) -> declared;
    }

    /** Approval for every call of the named tools, for {@code reason}, and for those that declare it. */
    static ApprovalPolicy tools(Set<String> names, String reason) {
        Set<String> tools = Set.copyOf(names);
        Objects.requireNonNull(reason, "reason");
        return (call, declared, context) -> tools.contains(call.name()) ? Optional.of(declared.orElse(reason))
                : declared;
    }

    /** Approval when this policy or {@code other} asks for it; this one's reason first. */
    default ApprovalPolicy or(ApprovalPolicy other) {
        Objects.requireNonNull(other, "other");
        return (call, declared, context) -> {
            Optional<String> mine = check(call, declared, context);
            return mine.isPresent() ? mine : other.check(call, declared, context);
        };
    }
}
