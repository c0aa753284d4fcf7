package org.fairpath.examples;

import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.SyntheticCase;

/** Mergeable one-pass counts over a synthetic caseload for the demo. Not thread-safe; merge partial summaries. */
final class CaseloadSummary {

    private static final int TRAINING = 2;
    private static final int SELF_SERVICE = 5;
    private static final int LANGUAGE = 6;

    long n;
    long employed;
    final long[] eligible;
    final long[] received;
    final long[] employedReceived;
    final double[] upliftSum;
    /** {received, eligible} pairs. */
    final long[] trainingCare = new long[2];
    final long[] trainingOther = new long[2];
    final long[] selfServiceOlder = new long[2];
    final long[] selfServiceYounger = new long[2];
    final long[] languageNonEu = new long[2];
    final long[] languageOther = new long[2];
    double olderSelfServiceUplift;
    long olderCount;
    double noProgramme;
    double historical;
    double oracle;

    CaseloadSummary(int arms) {
        eligible = new long[arms];
        received = new long[arms];
        employedReceived = new long[arms];
        upliftSum = new double[arms];
    }

    void add(SyntheticCase c) {
        n++;
        employed += c.outcome() ? 1 : 0;
        double best = 0;
        for (int a = 0; a < eligible.length; a++) {
            if (c.eligible(a)) {
                eligible[a]++;
                best = Math.max(best, c.trueProbability(a));
            }
            upliftSum[a] += c.trueUplift(a);
        }
        received[c.assignedArm()]++;
        employedReceived[c.assignedArm()] += c.outcome() ? 1 : 0;
        noProgramme += c.trueProbability(0);
        historical += c.trueProbability(c.assignedArm());
        oracle += best;

        JobseekerProfile p = c.profile();
        boolean care = "female".equals(p.value("gender")) && Boolean.TRUE.equals(p.value("care_duties"));
        boolean older = (Double) p.value("age") >= 50;
        boolean nonEu = "non_eu".equals(p.value("citizenship_group"));
        count(c, TRAINING, care ? trainingCare : trainingOther);
        count(c, SELF_SERVICE, older ? selfServiceOlder : selfServiceYounger);
        count(c, LANGUAGE, nonEu ? languageNonEu : languageOther);
        if (older) {
            olderCount++;
            olderSelfServiceUplift += c.trueUplift(SELF_SERVICE);
        }
    }

    private static void count(SyntheticCase c, int arm, long[] pair) {
        if (c.eligible(arm)) {
            pair[1]++;
            pair[0] += c.assignedArm() == arm ? 1 : 0;
        }
    }

    void merge(CaseloadSummary o) {
        n += o.n;
        employed += o.employed;
        for (int a = 0; a < eligible.length; a++) {
            eligible[a] += o.eligible[a];
            received[a] += o.received[a];
            employedReceived[a] += o.employedReceived[a];
            upliftSum[a] += o.upliftSum[a];
        }
        add(trainingCare, o.trainingCare);
        add(trainingOther, o.trainingOther);
        add(selfServiceOlder, o.selfServiceOlder);
        add(selfServiceYounger, o.selfServiceYounger);
        add(languageNonEu, o.languageNonEu);
        add(languageOther, o.languageOther);
        olderSelfServiceUplift += o.olderSelfServiceUplift;
        olderCount += o.olderCount;
        noProgramme += o.noProgramme;
        historical += o.historical;
        oracle += o.oracle;
    }

    private static void add(long[] into, long[] from) {
        into[0] += from[0];
        into[1] += from[1];
    }
}
