package org.fairpath.core.allocation;

import java.util.Arrays;

/**
 * Exact assignment of jobseekers to options with capacities, by successive shortest (here: longest-gain) paths over
 * the option nodes: a min-cost flow whose only large side is the jobseekers, suited to few options.
 *
 * <p>Option 0 is "no programme": unlimited capacity, value 0 for everyone. Jobseekers are inserted one at a time
 * in the given order; each insertion augments along the path of largest total gain — the newcomer takes option
 * {@code s1}, the jobseeker at {@code s1} whose move gains most moves on to {@code s2}, and so on, until an option
 * with a free place. Because the assignment before an insertion is optimal for the jobseekers inserted so far (no
 * cycle of moves gains anything), the assignment after it is optimal too; at the end it is an optimum of the linear
 * programme, which for this network is integral.
 *
 * <p>Edge weights between option nodes are the best single move, kept in lazy max-heaps (one per ordered pair of
 * options). Ties are broken by index (earlier jobseeker first, lower option first), so the
 * result depends only on the values and their order.
 */
final class Transport {

    private final int n;
    private final int m;
    private final double[] value; // n * m; NEGATIVE_INFINITY where not eligible
    private final long[] capacity; // m; Long.MAX_VALUE for unlimited
    private final int[] assign;
    private final int[] version;
    private final long[] count;
    private final Heap[] heaps; // s * m + t
    /** Warm-started ({@link #improve}): moves out of unlimited options count too. */
    private boolean warm;

    private Transport(int n, int m, double[] value, long[] capacity) {
        this.n = n;
        this.m = m;
        this.value = value;
        this.capacity = capacity;
        this.assign = new int[n];
        this.version = new int[n];
        this.count = new long[m];
        this.heaps = new Heap[m * m];
        for (int s = 0; s < m; s++) {
            for (int t = 0; t < m; t++) {
                if (s != t) {
                    heaps[s * m + t] = new Heap();
                }
            }
        }
    }

    /**
     * An optimal assignment.
     *
     * @param value    {@code n * m} values, row-major; column 0 must be 0 and finite, ineligible entries
     *                 {@code NEGATIVE_INFINITY}, all others finite
     * @param capacity per option ({@code capacity[0]} is ignored: no programme is unlimited); {@code Long.MAX_VALUE}
     *                 for unlimited
     * @return the option of each jobseeker (inserted in index order, which decides ties)
     */
    static int[] solve(int n, int m, double[] value, long[] capacity) {
        long[] cap = capacity.clone();
        cap[0] = Long.MAX_VALUE;
        Transport t = new Transport(n, m, value, cap);
        double[][] layer = new double[m][m];
        int[][] pred = new int[m][m];
        int[] path = new int[m + 1];
        int[] movers = new int[m];
        for (int i = 0; i < n; i++) {
            t.insert(i, layer, pred, path, movers);
        }
        return t.assign;
    }

    /**
     * An optimal assignment for {@code value}, warm-started from a feasible one ({@code start}, within the capacities):
     * cancels positive-gain cycles of moves until none is left. A cycle is a closed chain of single moves between
     * options (each jobseeker moving into the option the previous one left), or a chain that ends in an option with
     * a free place; an assignment without any such gain above {@code eps} is optimal (the min-cost-flow optimality
     * condition on the residual network over the option nodes). When values change little between calls, as prices
     * do late in the cutting-plane loop, few jobseekers move and this is far cheaper than {@link #solve}.
     *
     * @param eps gains at or below this are rounding noise and not cancelled
     */
    static int[] improve(int n, int m, double[] value, long[] capacity, int[] start, double eps) {
        long[] cap = capacity.clone();
        cap[0] = Long.MAX_VALUE;
        Transport t = new Transport(n, m, value, cap);
        t.warm = true;
        System.arraycopy(start, 0, t.assign, 0, n);
        for (int i = 0; i < n; i++) {
            t.count[start[i]]++;
        }
        t.buildHeaps();
        int nodes = m + 1; // the option nodes and F, which stands for "a free place"
        double[] dist = new double[nodes];
        int[] pred = new int[nodes];
        int[] cycle = new int[nodes + 1];
        int[] movers = new int[nodes];
        while (true) {
            int last = t.positiveCycle(dist, pred, eps);
            if (last < 0) {
                return t.assign;
            }
            // walk back into the cycle, then collect it (nodes in reverse order of the moves)
            int v = last;
            for (int r = 0; r < nodes; r++) {
                v = pred[v];
                if (v < 0) {
                    throw new IllegalStateException("cycle search lost its way (a bug): no predecessor");
                }
            }
            int len = 0;
            int u = v;
            do {
                cycle[len++] = u;
                u = pred[u];
            } while (u != v);
            // cycle[a] is reached from cycle[a + 1] (mod len): a jobseeker moves from cycle[a + 1] to cycle[a].
            // Move along the same cycle while it still gains (the next best movers), then search again.
            while (t.cycleGain(cycle, len, eps)) {
                for (int a = 0; a < len; a++) {
                    int to = cycle[a];
                    int from = cycle[(a + 1) % len];
                    movers[a] = from == m || to == m ? -1 : t.heaps[from * m + to].topPerson();
                }
                for (int a = 0; a < len; a++) {
                    if (movers[a] >= 0) {
                        int from = cycle[(a + 1) % len];
                        t.count[from]--;
                        t.place(movers[a], cycle[a]);
                    }
                }
            }
        }
    }

    /** Whether every move of the cycle is still possible and together they gain more than {@code eps}. */
    private boolean cycleGain(int[] cycle, int len, double eps) {
        double gain = 0;
        for (int a = 0; a < len; a++) {
            int to = cycle[a];
            int from = cycle[(a + 1) % len];
            if (to == m) {
                if (count[from] >= capacity[from]) {
                    return false;
                }
            } else if (from != m) {
                Heap h = heaps[from * m + to];
                if (!clean(h, from)) {
                    return false;
                }
                gain += h.topKey();
            }
        }
        return gain > eps;
    }

    /**
     * Bellman-Ford for longest paths over the option nodes and F (node {@code m}): edge s->t is the best single move
     * from s to t, t->F exists with gain 0 where t has a free place, F->s with gain 0 for every s. Returns a node
     * relaxed in the last round (so on or behind a positive cycle), or -1 if there is none.
     */
    private int positiveCycle(double[] dist, int[] pred, double eps) {
        int nodes = m + 1;
        Arrays.fill(dist, 0);
        Arrays.fill(pred, -1);
        int last = -1;
        for (int round = 0; round < nodes; round++) {
            last = -1;
            for (int s = 0; s < m; s++) {
                double ds = dist[s];
                for (int t = 0; t < m; t++) {
                    if (t == s) {
                        continue;
                    }
                    Heap h = heaps[s * m + t];
                    if (!clean(h, s)) {
                        continue;
                    }
                    double cand = ds + h.topKey();
                    if (cand > dist[t] + eps) {
                        dist[t] = cand;
                        pred[t] = s;
                        last = t;
                    }
                }
                if (count[s] < capacity[s] && ds > dist[m] + eps) {
                    dist[m] = ds;
                    pred[m] = s;
                    last = m;
                }
            }
            for (int s = 0; s < m; s++) {
                if (dist[m] > dist[s] + eps) {
                    dist[s] = dist[m];
                    pred[s] = m;
                    last = s;
                }
            }
            if (last < 0) {
                return -1;
            }
        }
        return last;
    }

    /** Fills every heap from the current assignment at once (Floyd's heap construction, linear time). */
    private void buildHeaps() {
        int[] size = new int[m * m];
        for (int j = 0; j < n; j++) {
            int s = assign[j];
            for (int t = 0; t < m; t++) {
                if (t != s && value[j * m + t] != Double.NEGATIVE_INFINITY) {
                    size[s * m + t]++;
                }
            }
        }
        for (int e = 0; e < m * m; e++) {
            if (heaps[e] != null) {
                heaps[e].reserve(size[e]);
            }
        }
        for (int j = 0; j < n; j++) {
            int s = assign[j];
            double here = value[j * m + s];
            version[j] = 1;
            for (int t = 0; t < m; t++) {
                if (t != s && value[j * m + t] != Double.NEGATIVE_INFINITY) {
                    heaps[s * m + t].append(value[j * m + t] - here, j, 1);
                }
            }
        }
        for (Heap h : heaps) {
            if (h != null) {
                h.heapify();
            }
        }
    }

    private void insert(int i, double[][] d, int[][] pred, int[] path, int[] movers) {
        int base = i * m;
        // fast path: if the newcomer's best option has a free place, it is optimal. Any chain of moves from an
        // option to a free place gains at most 0 in an optimal assignment (else that chain would improve it), so
        // no path beats going straight to the best option.
        int top = 0;
        for (int t = 1; t < m; t++) {
            if (value[base + t] > value[base + top]) {
                top = t;
            }
        }
        if (count[top] < capacity[top]) {
            place(i, top);
            return;
        }
        // layer 0: the newcomer goes straight to option t
        for (int t = 0; t < m; t++) {
            d[0][t] = value[base + t];
            pred[0][t] = -1;
        }
        // layer k: best gain of a path whose last move is the k-th
        int layers = 1;
        for (int k = 1; k < m; k++) {
            boolean changed = false;
            for (int t = 0; t < m; t++) {
                d[k][t] = d[k - 1][t];
                pred[k][t] = -2; // same as the layer before
            }
            for (int s = 0; s < m; s++) {
                double ds = d[k - 1][s];
                if (ds == Double.NEGATIVE_INFINITY || count[s] < capacity[s]) {
                    continue; // moving on from a free option gains at most 0 (see above)
                }
                for (int t = 0; t < m; t++) {
                    if (t == s) {
                        continue;
                    }
                    Heap h = heaps[s * m + t];
                    if (!clean(h, s)) {
                        continue;
                    }
                    double cand = ds + h.topKey();
                    if (cand > d[k][t]) {
                        d[k][t] = cand;
                        pred[k][t] = s;
                        changed = true;
                    }
                }
            }
            layers = k + 1;
            if (!changed) {
                break;
            }
        }
        int last = layers - 1;
        int end = -1;
        for (int t = 0; t < m; t++) {
            if (count[t] < capacity[t] && d[last][t] != Double.NEGATIVE_INFINITY
                    && (end < 0 || d[last][t] > d[last][end])) {
                end = t;
            }
        }
        // option 0 is always free and eligible, so end >= 0; walk the path back
        int len = 0;
        int node = end;
        int k = last;
        while (true) {
            while (k > 0 && pred[k][node] == -2) {
                k--;
            }
            path[len++] = node;
            if (k == 0 || pred[k][node] == -1) {
                break;
            }
            node = pred[k][node];
            k--;
        }
        // path[len-1] is the newcomer's option, path[0] the end; a repeated node could only come from a cycle whose
        // gain is rounding noise: cut it out
        len = removeCycles(path, len);
        for (int a = len - 1; a > 0; a--) {
            Heap h = heaps[path[a] * m + path[a - 1]];
            if (!clean(h, path[a])) {
                throw new IllegalStateException("no jobseeker to move from option " + path[a] + " to " + path[a - 1]);
            }
            movers[a] = h.topPerson();
        }
        place(i, path[len - 1]);
        for (int a = len - 1; a > 0; a--) {
            int j = movers[a];
            count[path[a]]--;
            place(j, path[a - 1]);
        }
    }

    /** Drops the stretch between two visits of the same node, keeping the path simple. */
    private static int removeCycles(int[] path, int len) {
        for (int a = 0; a < len; a++) {
            for (int b = len - 1; b > a; b--) {
                if (path[a] == path[b]) {
                    int cut = b - a;
                    System.arraycopy(path, b, path, a, len - b);
                    len -= cut;
                    break;
                }
            }
        }
        return len;
    }

    /** Puts jobseeker {@code j} at option {@code s} and offers its moves from there. */
    private void place(int j, int s) {
        assign[j] = s;
        count[s]++;
        int v = ++version[j];
        int base = j * m;
        if (capacity[s] == Long.MAX_VALUE && !warm) {
            return; // an unlimited option is never full, so no path continues from it
        }
        double here = value[base + s];
        for (int t = 0; t < m; t++) {
            if (t != s && value[base + t] != Double.NEGATIVE_INFINITY) {
                heaps[s * m + t].push(value[base + t] - here, j, v);
            }
        }
    }

    /** Pops stale entries (jobseekers who moved on); whether a valid top remains. */
    private boolean clean(Heap h, int s) {
        while (h.size > 0) {
            int j = h.person[0];
            if (h.stamp[0] == version[j] && assign[j] == s) {
                return true;
            }
            h.pop();
        }
        return false;
    }

    /** A binary max-heap of (key, person, stamp); equal keys: smaller person index first. */
    static final class Heap {
        double[] key = new double[16];
        int[] person = new int[16];
        int[] stamp = new int[16];
        int size;

        double topKey() {
            return key[0];
        }

        int topPerson() {
            return person[0];
        }

        private boolean above(int a, int b) {
            return key[a] > key[b] || (key[a] == key[b] && person[a] < person[b]);
        }

        void push(double k, int p, int s) {
            if (size == key.length) {
                int cap = size * 2;
                key = Arrays.copyOf(key, cap);
                person = Arrays.copyOf(person, cap);
                stamp = Arrays.copyOf(stamp, cap);
            }
            int at = size++;
            key[at] = k;
            person[at] = p;
            stamp[at] = s;
            while (at > 0) {
                int up = (at - 1) >>> 1;
                if (!above(at, up)) {
                    break;
                }
                swap(at, up);
                at = up;
            }
        }

        void reserve(int n) {
            if (n > key.length) {
                key = Arrays.copyOf(key, n);
                person = Arrays.copyOf(person, n);
                stamp = Arrays.copyOf(stamp, n);
            }
        }

        /** Adds an entry without ordering; {@link #heapify} must follow before any other use. */
        void append(double k, int p, int s) {
            key[size] = k;
            person[size] = p;
            stamp[size] = s;
            size++;
        }

        void heapify() {
            for (int at = size / 2 - 1; at >= 0; at--) {
                siftDown(at);
            }
        }

        void pop() {
            size--;
            if (size == 0) {
                return;
            }
            key[0] = key[size];
            person[0] = person[size];
            stamp[0] = stamp[size];
            siftDown(0);
        }

        private void siftDown(int start) {
            int at = start;
            while (true) {
                int l = 2 * at + 1;
                if (l >= size) {
                    break;
                }
                int best = l + 1 < size && above(l + 1, l) ? l + 1 : l;
                if (!above(best, at)) {
                    break;
                }
                swap(at, best);
                at = best;
            }
        }

        private void swap(int a, int b) {
            double k = key[a];
            key[a] = key[b];
            key[b] = k;
            int p = person[a];
            person[a] = person[b];
            person[b] = p;
            int s = stamp[a];
            stamp[a] = stamp[b];
            stamp[b] = s;
        }
    }
}
