/**
 * Approval of tool calls by a person: which calls need it ({@link io.agent4j.approval.ApprovalPolicy},
 * {@code @Tool(approval = ...)}), the calls a waiting run lists ({@link io.agent4j.approval.PendingCall}),
 * and the decisions that resume it ({@link io.agent4j.approval.Decision}).
 */
package io.agent4j.approval;
