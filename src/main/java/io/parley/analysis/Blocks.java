package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

import io.parley.engine.Work;

/**
 * Independent blocks of a run spread over the threads of an executor. Each block writes only its own
 * rows, so a result never depends on how many threads ran it or in what order. The executor is the
 * caller's: the service shares one across requests instead of starting threads for each.
 */
final class Blocks {

    private Blocks() {
    }

    /** Runs {@code block} for every index in [from, to) and waits for all; a failure ends the run. */
    static void run(ExecutorService executor, int from, int to, IntConsumer block, String run) {
        List<Future<?>> work = new ArrayList<>(to - from);
        try {
            for (int b = from; b < to; b++) {
                final int index = b;
                work.add(executor.submit(() -> block.accept(index)));
            }
            for (Future<?> f : work) await(f, run);
        } finally {
            work.forEach(f -> f.cancel(true)); // a no-op for the blocks that finished
        }
    }

    /** Starts {@code task} on the executor, for the caller to go on with other work and then {@link #await} it. */
    static <T> Future<T> start(ExecutorService executor, Callable<T> task) {
        return executor.submit(task);
    }

    /** What a started task gave, once it has ended; its failure ends the run. */
    static <T> T await(Future<T> task, String run) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the " + run + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Work.Stopped stopped) {
                throw stopped; // stopped work is no failure of the run: the caller learns why it ended
            }
            throw new IllegalStateException("a block of the " + run + " failed", e.getCause());
        }
    }

    /** {@code run} on a pool of its own with {@code threads} threads, shut down after it. */
    static <T> T onOwnPool(int threads, Function<ExecutorService, T> run) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            return run.apply(pool);
        } finally {
            pool.shutdownNow();
        }
    }
}
