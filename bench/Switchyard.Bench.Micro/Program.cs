using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process (no generated project, so the repository's build rules do not apply to generated code).
// `--job short` style: 1 launch, 3 warm-up and 5 measured iterations; pass BenchmarkDotNet options after the
// program name (e.g. --filter '*Stream*'). `--stages` instead prints the bytes each stage allocates (Stages.cs).
if (args is ["--stages"])
{
    Switchyard.Bench.Micro.Stages.Run();
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(300))
        .WithId("short-inprocess"))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Switchyard.Bench.Micro.RequestBenchmarks).Assembly).Run(args, config);
