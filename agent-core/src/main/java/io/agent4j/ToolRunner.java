package io.agent4j;

import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ContentPart;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.Agent4jException;
import io.agent4j.guardrail.GuardrailEvent.Stage;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import io.agent4j.tool.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the tool calls of one step for one run: concurrently, each within its timeout, its result
 * capped in length, and an identical call repeated too often refused. A cancellation interrupts the
 * calls still running and answers each of them, and each call not yet started, as cancelled
 * ({@link #cancelled}); the calls that finished keep their results. One instance per run.
 */
final class ToolRunner {

    private static final JsonMapper JSON = Json.builder().build();
    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

    /** The deadline of a call without a time limit (a timeout of zero). */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final ExecutorService executor;
    /**
     * Whether a call without a timeout of its own may run on the run's thread: only with agent4j's
     * default executor, since an executor given to the agent says where its calls run.
     */
    private final boolean onRunThread;
    private final Duration defaultTimeout;
    /** The agent's record of which tools are fast, whose calls are not handed over. */
    private final ToolSpeeds toolSpeeds;
    private final int maxResultLength;
    private final int maxRepeatedCalls;
    private final String conversationId;
    private final Guards guards;
    private final Consumer<Consumer<AgentListener>> notify;
    /** Whether the model takes images; without, a tool's images become a note. */
    private final boolean acceptsImages;
    private final List<AgentInterceptor> interceptors;
    /** The earlier calls of this run by tool name; arguments are parsed only once a name repeats. */
    private final Map<String, List<EarlierCall>> earlierCalls = new HashMap<>();

    private static final class EarlierCall {
        final String arguments;
        Object canonical;

        EarlierCall(String arguments) {
            this.arguments = arguments;
        }

        Object canonical() {
            if (canonical == null) {
                canonical = ToolRunner.canonical(arguments);
            }
            return canonical;
        }
    }

    ToolRunner(ExecutorService executor, boolean onRunThread, Duration defaultTimeout, int maxResultLength,
            int maxRepeatedCalls, String conversationId, Guards guards, Consumer<Consumer<AgentListener>> notify,
            boolean acceptsImages, List<AgentInterceptor> interceptors,
            ToolSpeeds toolSpeeds) {
        this.interceptors = interceptors;
        this.toolSpeeds = toolSpeeds;
        this.executor = executor;
        this.onRunThread = onRunThread;
        this.defaultTimeout = defaultTimeout;
        this.maxResultLength = maxResultLength;
        this.maxRepeatedCalls = maxRepeatedCalls;
        this.conversationId = conversationId;
        this.guards = guards;
        this.notify = notify;
        this.acceptsImages = acceptsImages;
    }

    /**
     * Runs the calls of one assistant message with the tools of this step, and returns their results
     * in the order of the calls. The executor's calls are handed over first; the inline ones then run
     * here, side by side with them. In a step without inline calls whose first call to run has no timeout
     * of its own, that call runs here instead, watched for the agent's timeout ({@link RunThreadCall}), when
     * the agent has the default executor: a hand-over fewer.
     */
    List<Message> run(int step, Toolbox toolbox, List<ToolCall> asked, Cancellation cancellation) {
        return run(step, toolbox, asked, Map.of(), cancellation, message -> { });
    }

    /**
     * Runs the calls like {@link #run(int, Toolbox, List, Cancellation)}, except those {@code given} a
     * result already (a call a person rejected), and hands each result to {@code completed} as soon
     * as it and every call before it have finished, so that it is stored before the step ends.
     */
    List<Message> run(int step, Toolbox toolbox, List<ToolCall> asked, Map<String, ToolResult> given,
            Cancellation cancellation, Consumer<Message> completed) {
        int count = asked.size();
        Future<ToolResult>[] pending = newFutures(count);
        ToolResult[] done = new ToolResult[count];
        long[] starts = new long[count];
        long[] deadlines = new long[count];
        for (int i = 0; i < count; i++) {
            done[i] = given.get(asked.get(i).id());
        }
        List<ToolCall> calls = asked;
        // the calls a guardrail answered instead of running them: their answers are not results to check
        boolean[] answered = new boolean[count];
        if (!guards.tool.isEmpty()) {
            // every call is checked before any runs, so that a stop leaves none of them half done
            calls = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (done[i] != null) {
                    calls.add(asked.get(i));
                    continue;
                }
                Guards.Call checked = guards.beforeCall(step, asked.get(i), notify);
                calls.add(checked.call());
                done[i] = checked.instead();
                answered[i] = done[i] != null;
            }
        }
        // the call run on this thread is the step's first to run, so that it holds up no result before it
        int here = -1;
        boolean handed = false;
        Claim[] claims = new Claim[count];
        boolean inline = false;
        for (int i = 0; i < count; i++) {
            ToolCall call = calls.get(i);
            notify.accept(l -> l.onToolStarted(step, call));
            starts[i] = System.nanoTime();
            String refusal = done[i] != null ? null : refusalOfRepeat(call);
            if (done[i] != null) {
                continue;
            } else if (refusal != null) {
                done[i] = ToolResult.failure(refusal);
            } else if (toolbox.inline(call.name())) {
                inline = true;
            } else if (!mayRunHere(toolbox, call)) {
                hand(toolbox, step, call, i, pending, starts, deadlines, claims);
                handed = true;
            } else if (!toolSpeeds.fast(call.name())) {
                // a fast tool's call stays here, in order; of the others, the first to run if none was handed
                if (here < 0 && !handed) {
                    here = i;
                } else {
                    hand(toolbox, step, call, i, pending, starts, deadlines, claims);
                    handed = true;
                }
            }
        }
        if (here >= 0 && inline) {
            // the step's inline calls take the run's thread; they run beside the others, so this one goes too
            hand(toolbox, step, calls.get(here), here, pending, starts, deadlines, claims);
            here = -1;
        }
        List<Message> messages = new ArrayList<>(count + 1);
        List<ContentPart> images = new ArrayList<>();
        AtomicReference<RunThreadCall> watched = new AtomicReference<>();
        try (Cancellation.Registration interrupt = cancellation.onCancel(() -> {
            cancelAll(pending);
            RunThreadCall current = watched.get();
            if (current != null) {
                current.stop(RunThreadCall.CANCELLED);
            }
        })) {
            long[] inlineDurations = new long[count];
            int delivered = 0;
            for (int i = 0; i < count; i++) {
                if (done[i] == null && pending[i] == null) {
                    ToolCall call = calls.get(i);
                    done[i] = !toolbox.inline(call.name()) ? onThisThread(step, toolbox, call, watched, cancellation)
                            : cancellation.isCancelled() ? cancelled(call) : task(step, toolbox, call).get();
                    inlineDurations[i] = System.nanoTime() - starts[i];
                }
            }
            // a call handed over but not yet taken by a pool thread is taken back and run here: no wait for it
            for (int i = 0; i < count; i++) {
                if (claims[i] != null && claims[i].take()) {
                    pending[i] = null;
                    // the results before it that are in are stored before this thread is busy with it
                    delivered = deliver(step, toolbox, calls, pending, done, answered, starts, deadlines,
                            inlineDurations, delivered, false, cancellation, messages, images, completed);
                    done[i] = onThisThread(step, toolbox, calls.get(i), watched, cancellation);
                    inlineDurations[i] = System.nanoTime() - starts[i];
                }
            }
            deliver(step, toolbox, calls, pending, done, answered, starts, deadlines, inlineDurations, delivered, true,
                    cancellation, messages, images, completed);
        } catch (RuntimeException e) {
            cancelAll(pending);
            throw e;
        }
        if (!images.isEmpty()) {
            UserMessage shown = new UserMessage(images);
            messages.add(shown);
            completed.accept(shown);
        }
        return messages;
    }

    /**
     * Moves a result's images to {@code images}, after a text that says which call they answer, and
     * tells the model in the result that they follow: a tool message carries text only. An image
     * that cannot be sent (not https, http or data:) fails the call, saying why. For a model that takes no
     * images ({@code acceptsImages} false) they are not sent: the result says so instead.
     */
    private static ToolResult withImages(ToolCall call, boolean acceptsImages, ToolResult result,
            List<ContentPart> images) {
        if (result.images().isEmpty()) {
            return result;
        }
        if (!acceptsImages) {
            return new ToolResult(result.content() + "\n[" + result.images().size() + " image(s) not shown: "
                    + "this model does not take images]", false, result.images());
        }
        List<ImagePart> parts = new ArrayList<>();
        try {
            for (String url : result.images()) {
                parts.add(new ImagePart(url, ImagePart.Detail.AUTO));
            }
        } catch (IllegalArgumentException e) {
            return ToolResult.failure("Error: tool '" + call.name() + "' returned an image that cannot be sent: "
                    + e.getMessage());
        }
        images.add(new TextPart("The image(s) returned by tool '" + call.name() + "' (call " + call.id() + "):"));
        images.addAll(parts);
        return new ToolResult(result.content() + "\n[" + parts.size() + " image(s): in the next user message]",
                false, result.images());
    }

    /**
     * Runs none of the calls of a reply that was cut off, and returns a result for each that tells
     * the model why, so that it can send a shorter reply.
     */
    List<ToolMessage> notRun(int step, List<ToolCall> calls, FinishReason reason) {
        String why = reason == FinishReason.LENGTH
                ? "your reply was cut off at the token limit (finish_reason length) before it was complete"
                : "your reply was cut by the content filter (finish_reason content_filter)";
        String advice = reason == FinishReason.LENGTH
                ? "Send a shorter reply: fewer calls, or shorter arguments."
                : "Send the calls again in a reply the filter allows.";
        List<ToolMessage> messages = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            notify.accept(l -> l.onToolStarted(step, call));
            ToolResult result = ToolResult.failure("Error: tool '" + call.name() + "' was not run: " + why
                    + ", so none of its " + calls.size() + " tool call(s) were run. " + advice);
            notify.accept(l -> l.onToolFinished(step, call, result, Duration.ZERO));
            messages.add(new ToolMessage(call.id(), call.name(), result.content()));
        }
        return messages;
    }

    /**
     * What each call of a step a guardrail stopped is answered with: its result is not shown, and the
     * guardrail's reason, meant for the application, is not told to the model.
     */
    static List<ToolMessage> stopped(List<ToolCall> calls, String guardrail, Stage stage) {
        List<ToolMessage> messages = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            String what = stage == Stage.TOOL_CALL ? "the call to tool '" + call.name() + "' was not run"
                    : "the result of tool '" + call.name() + "' was withheld";
            messages.add(new ToolMessage(call.id(), call.name(), "Error: " + what + ": guardrail '" + guardrail
                    + "' stopped the run at the " + stage.label() + "."));
        }
        return messages;
    }

    /** A call as it runs on its thread: inside the agent's interceptors, which see it here, on the run's thread. */
    private java.util.function.Supplier<ToolResult> task(int step, Toolbox toolbox, ToolCall call) {
        // only a call that may run on the run's thread is timed: its tool's speed decides where its next calls run
        java.util.function.Supplier<ToolResult> body = !toolbox.inline(call.name()) && mayRunHere(toolbox, call)
                ? () -> timed(toolbox, call) : () -> invoke(toolbox, call);
        return interceptors.isEmpty() ? body : Interceptors.toolCall(interceptors, step, call, body);
    }

    /**
     * Hands the results from call {@code from} on, in order, to the transcript: while each has finished,
     * or, with {@code all}, waiting for each. Returns the first not handed on.
     */
    private int deliver(int step, Toolbox toolbox, List<ToolCall> calls, Future<ToolResult>[] pending,
            ToolResult[] done, boolean[] answered, long[] starts, long[] deadlines, long[] inlineDurations, int from,
            boolean all, Cancellation cancellation, List<Message> messages, List<ContentPart> images,
            Consumer<Message> completed) {
        int i = from;
        for (; i < calls.size(); i++) {
            if (!all && (pending[i] == null ? done[i] == null : !pending[i].isDone())) {
                break;
            }
            ToolCall call = calls.get(i);
            ToolResult raw = cap(pending[i] == null ? done[i]
                    : await(toolbox, call, pending[i], deadlines[i], cancellation));
            ToolResult result = withImages(call, acceptsImages, guards.tool.isEmpty() || answered[i] ? raw
                    : guards.afterCall(step, call, raw, notify), images);
            Duration duration = Duration.ofNanos(inlineDurations[i] > 0 ? inlineDurations[i]
                    : System.nanoTime() - starts[i]);
            notify.accept(l -> l.onToolFinished(step, call, result, duration));
            ToolMessage message = new ToolMessage(call.id(), call.name(), result.content());
            messages.add(message);
            completed.accept(message);
        }
        return i;
    }

    /** Runs a call on this thread, held to the agent's timeout and stopped by a cancellation. */
    private ToolResult onThisThread(int step, Toolbox toolbox, ToolCall call, AtomicReference<RunThreadCall> watched,
            Cancellation cancellation) {
        RunThreadCall watch = new RunThreadCall(call.name(), defaultTimeout);
        watched.set(watch);
        try {
            return cancellation.isCancelled() ? cancelled(call)
                    : watch.run(task(step, toolbox, call), () -> cancelled(call));
        } finally {
            watched.set(null);
        }
    }

    /** A call handed to the executor that this thread may take back until a pool thread takes it. */
    private static final class Claim {
        private final AtomicBoolean taken = new AtomicBoolean();

        boolean take() {
            return taken.compareAndSet(false, true);
        }
    }

    /**
     * Whether a call may run on the run's thread: its tool has no timeout of its own, which only the
     * executor can hold it to by abandoning it, and the agent has the default executor.
     */
    private boolean mayRunHere(Toolbox toolbox, ToolCall call) {
        return onRunThread && toolbox.timeout(call.name()).isEmpty();
    }

    /** Hands call {@code i} to the executor, with the deadline its timeout gives it. */
    private void hand(Toolbox toolbox, int step, ToolCall call, int i, Future<ToolResult>[] pending, long[] starts,
            long[] deadlines, Claim[] claims) {
        java.util.function.Supplier<ToolResult> task = task(step, toolbox, call);
        if (mayRunHere(toolbox, call)) {
            Claim claim = new Claim();
            claims[i] = claim;
            pending[i] = submit(call, () -> claim.take() ? task.get() : null);
        } else {
            pending[i] = submit(call, task);
        }
        Duration timeout = timeoutOf(toolbox, call);
        deadlines[i] = timeout.isZero() ? NO_DEADLINE : starts[i] + timeout.toNanos();
    }

    private Future<ToolResult> submit(ToolCall call, java.util.function.Supplier<ToolResult> task) {
        try {
            return executor.submit(task::get);
        } catch (RejectedExecutionException e) {
            log.warn("The agent's executor refused tool call '{}' ({}): is the ExecutorService given to "
                    + "Agent.Builder.executor shut down, or its queue full?", call.name(), e.toString());
            return CompletableFuture.completedFuture(ToolResult.failure("Error: tool '" + call.name()
                    + "' was not run: the agent's executor refused it. Try again later."));
        }
    }

    @SuppressWarnings("unchecked")
    private static Future<ToolResult>[] newFutures(int count) {
        return (Future<ToolResult>[]) new Future<?>[count];
    }

    private static void cancelAll(Future<ToolResult>[] pending) {
        for (Future<ToolResult> future : pending) {
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    /** Invokes the call and notes how long the tool took, on whichever thread it runs. */
    private ToolResult timed(Toolbox toolbox, ToolCall call) {
        long start = System.nanoTime();
        try {
            return invoke(toolbox, call);
        } finally {
            toolSpeeds.record(call.name(), System.nanoTime() - start);
        }
    }

    private ToolResult invoke(Toolbox toolbox, ToolCall call) {
        try {
            return toolbox.call(call.name(), call.arguments(), new ToolContext(conversationId, call.id()));
        } catch (RuntimeException | Error e) {
            return ToolResult.failure("Error: tool '" + call.name() + "' failed: " + e);
        }
    }

    /**
     * What a call stopped by a cancellation is answered with: not a failure of the tool, and no
     * made-up result, so that a resumed conversation tells the model the truth.
     */
    static ToolResult cancelled(ToolCall call) {
        return ToolResult.failure("Cancelled: the run was stopped before tool '" + call.name() + "' returned, so "
                + "this call has no result.");
    }

    private ToolResult await(Toolbox toolbox, ToolCall call, Future<ToolResult> future, long deadline,
            Cancellation cancellation) {
        try {
            return deadline == NO_DEADLINE ? future.get()
                    : future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ToolResult.failure("Error: tool '" + call.name() + "' did not finish within "
                    + timeoutOf(toolbox, call).toMillis() + " ms and was abandoned. Try simpler arguments, or answer "
                    + "without this result.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new Agent4jException("Interrupted while waiting for tool '" + call.name() + "'.", e);
        } catch (CancellationException e) {
            return cancelled(call);
        } catch (ExecutionException e) {
            return ToolResult.failure("Error: tool '" + call.name() + "' failed: " + e.getCause());
        }
    }

    private Duration timeoutOf(Toolbox toolbox, ToolCall call) {
        return toolbox.timeout(call.name()).orElse(defaultTimeout);
    }

    private String refusalOfRepeat(ToolCall call) {
        List<EarlierCall> earlier = earlierCalls.computeIfAbsent(call.name(), name -> new ArrayList<>());
        EarlierCall current = new EarlierCall(call.arguments());
        int identical = 0;
        for (EarlierCall other : earlier) {
            if (other.canonical().equals(current.canonical())) {
                identical++;
            }
        }
        earlier.add(current);
        if (identical < maxRepeatedCalls) {
            return null;
        }
        return "Error: tool '" + call.name() + "' was already called " + maxRepeatedCalls + " times with these "
                + "exact arguments in this run, so it was not run again: its result would not change. Use the "
                + "earlier results, change the arguments, or answer.";
    }

    /** The arguments as a JSON tree, so that spacing and key order do not hide a repeat; the text when not JSON. */
    private static Object canonical(String arguments) {
        try {
            return arguments.isBlank() ? JSON.createObjectNode() : JSON.readTree(arguments);
        } catch (JacksonException e) {
            return arguments;
        }
    }

    private ToolResult cap(ToolResult result) {
        String content = result.content();
        if (content.length() <= maxResultLength) {
            return result;
        }
        return new ToolResult(content.substring(0, maxResultLength) + "\n[truncated: the result has "
                + content.length() + " characters; only the first " + maxResultLength + " are shown]",
                result.failed(), result.images());
    }
}
