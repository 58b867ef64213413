// The machine's memory bandwidth, for scripts/benchmark.sh: the best of 8 STREAM-style triads
// a = b + 3 c over three arrays of 320 MB each (far beyond any cache), printed in GB/s. Run once alone
// and then as two processes at once, it tells how far two cores can outrun one on work bound by memory
// traffic, as the CG's matrix-vector products are. Not part of cspine; compiled by the benchmark.
#include <chrono>
#include <cstdio>
#include <vector>

int main()
{
  const std::size_t n = 40'000'000;
  std::vector<double> a(n, 1.0), b(n, 2.0), c(n, 0.5);
  double best = 1e30;
  for (int repeat = 0; repeat < 8; ++repeat)
  {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i)
      a[i] = b[i] + 3.0 * c[i];
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = seconds < best ? seconds : best;
  }
  // Reading a[n / 2] keeps the compiler from dropping the loop.
  std::printf("%.2f %g\n", 3.0 * sizeof(double) * n / best / 1e9, a[n / 2]);
  return 0;
}
