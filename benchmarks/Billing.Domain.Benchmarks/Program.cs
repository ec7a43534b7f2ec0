using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/Billing.Domain.Benchmarks -- --filter '*'            measured runs
// dotnet run -c Release --project benchmarks/Billing.Domain.Benchmarks -- --filter '*' --quick    one pass each, in process, a smoke test
// dotnet run -c Release --project benchmarks/Billing.Domain.Benchmarks -- month-close sqlite|postgresql [accounts] [calls]   a whole month on a database
if (args is ["month-close", ..])
{
    return await Billing.Domain.Benchmarks.MonthCloseHarness.RunAsync(args);
}

var quick = args.Contains("--quick");
Billing.Domain.Benchmarks.Sizes.Quick = quick;   // before BenchmarkDotNet lists the parameters
var job = quick
    ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)   // once each, in this process: no build or launch per benchmark
    : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run([.. args.Where(a => a != "--quick")], DefaultConfig.Instance.AddJob(job.AsDefault()));
return 0;
