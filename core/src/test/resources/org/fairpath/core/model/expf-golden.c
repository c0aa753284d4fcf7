/* Regenerates expf-golden.txt: glibc's expf on 20,000 floats in [-104, 0] (seeded, reproducible) plus edge cases.
 * Build and run on Debian 12 (glibc 2.36):  gcc -O0 -o /tmp/expf-golden expf-golden.c -lm && /tmp/expf-golden > expf-golden.txt
 * Each line: the input's float bits and expf's float bits, in hex. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

int main(void) {
    uint64_t s = 42;
    float edges[] = {0.0f, -0.0f, -1e-30f, -0.64458604f, -1.0f, -87.3f, -103.9f, -103.97f, -104.0f};
    for (unsigned i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        printf("%08x %08x\n", bits(edges[i]), bits(expf(edges[i])));
    }
    for (int i = 0; i < 20000; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double) (s >> 11) / 9007199254740992.0;
        /* half the draws in [-2, 0] where softmax differences of two margins mostly fall */
        float x = (float) (i % 2 ? -2.0 * u : -104.0 * u);
        printf("%08x %08x\n", bits(x), bits(expf(x)));
    }
    return 0;
}
