using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Billing.Domain.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
