package org.fairpath.core.model;

/**
 * The library's package-private reference paths, opened to the benchmarks (this class lives in the benchmarks module,
 * in the library's package) so that a fast path and the path it replaced are measured side by side. Not part of the
 * library.
 */
public final class ReferencePaths {

    private ReferencePaths() {
    }

    /** A recommender that scores every model by itself through its own scorer (no batched bags, no tree blocks). */
    public static Recommender unbatchedRecommender(OutcomeModels models) {
        return Recommender.unbatched(models);
    }
}
