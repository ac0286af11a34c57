using GmgBot.Benchmarks;

// GmgBot's speed measurements, run in-process on this machine (Release build):
//   dotnet run --project src/GmgBot.Benchmarks -c Release -- answers   [--Bench:Questions=path] [--Bench:Rounds=n]
//   dotnet run --project src/GmgBot.Benchmarks -c Release -- broadcast [--Bench:Recipients=10000] [--Bench:FaultRate=0.01] [--Bench:LatencyMs=40]
//                                                                     [--Bench:Instances=2 --Bench:ConnectionString=<PostgreSQL>]
//   dotnet run --project src/GmgBot.Benchmarks -c Release -- turns     [--Bench:Concurrency=1,32,64] [--Bench:Texts=help,question] [--Bench:Bot=url]
//   dotnet run --project src/GmgBot.Benchmarks -c Release -- quality --Bench:Questions=a.jsonl[,b.jsonl] [--Bench:Verbose=true]
var verb = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))?.ToLowerInvariant() ?? "answers";
var configuration = new ConfigurationBuilder().AddCommandLine([.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal))]).Build();
return verb switch
{
    "answers" => await AnswerBenchmark.RunAsync(configuration, Console.Out, CancellationToken.None),
    "broadcast" => await BroadcastBenchmark.RunAsync(configuration, Console.Out, CancellationToken.None),
    "turns" => await TurnBenchmark.RunAsync(configuration, Console.Out, CancellationToken.None),
    "quality" => await AnswerQuality.RunAsync(configuration, Console.Out, CancellationToken.None),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        GmgBot benchmarks. Usage: dotnet run --project src/GmgBot.Benchmarks -c Release -- <benchmark> [--Setting=value ...]
          answers     answer latency p50/p99 and allocations over the eval questions, and the index build time
                      [--Bench:Questions=file.jsonl] [--Bench:Rounds=30] [--Knowledge:Path=folder]
          broadcast   a broadcast through a local connector with Teams' limits: messages/s, lost, duplicated
                      [--Bench:Recipients=10000] [--Bench:FaultRate=0.01] [--Bench:LatencyMs=40]
                      [--Bench:Instances=2 --Bench:ConnectionString=Host=…;Database=…] several instances on one PostgreSQL
          turns       full turns through a local connector: turns/s and p50/p99 at 1, 32 and 64 conversations
                      [--Bench:Concurrency=1,32,64] [--Bench:Texts=help,agenda,question] [--Bench:Seconds=10]
                      [--Bench:Provider=Sqlite|PostgreSql --Bench:ConnectionString=…] or [--Bench:Bot=http://…/api/messages]
          quality     answers scored in-process like ../shared/eval/run_eval.py, per file and kind
                      --Bench:Questions=a.jsonl[,b.jsonl] [--Bench:Verbose=true] [--Bench:Now=2026-11-24T12:00:00Z]
        """);
    return 2;
}
