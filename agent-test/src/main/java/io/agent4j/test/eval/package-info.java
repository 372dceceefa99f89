/**
 * Evals: a data set of cases ({@link io.agent4j.test.eval.EvalSet}, JSONL: a prompt and its checks)
 * run against an agent, each result checked ({@link io.agent4j.test.eval.Check}), and the report
 * ({@link io.agent4j.test.eval.EvalReport}) as a table, JUnit XML or JSON.
 */
package io.agent4j.test.eval;
