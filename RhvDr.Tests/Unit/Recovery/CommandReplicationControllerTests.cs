using Microsoft.Extensions.Options;
using RhvDr.Core.Recovery;
using RhvDr.Core.Replication;

namespace RhvDr.Tests.Recovery;

public sealed class CommandReplicationControllerTests
{
    private static CommandReplicationController Controller(string script) => new(Options.Create(new RecoveryOptions
    {
        Replication = "command",
        Commands = new(StringComparer.OrdinalIgnoreCase)
        {
            [ReplicationOperations.Failover] = new() { FileName = "/bin/sh", Arguments = ["-c", script, "sh", "{operation}", "{source}", "{target}", "{volumes}", "{mode}"] },
        },
    }));

    private static readonly ReplicationRequest Request = new(ReplicationOperations.Failover, "primary", "recovery", Planned: true, [new("id1", "path2"), new(null, "scsi_domain")]);

    [Fact]
    public async Task Execute_CommandSucceeds_PassesArgumentsAndLogsItsOutput()
    {
        var log = new RecordingInteraction();

        await Controller("""echo "$1 $2 $3 $4 $5"; echo oops >&2""").ExecuteAsync(Request, log, CancellationToken.None);

        Assert.Contains(log.Lines, l => l == "info: failover: failover primary recovery path2,scsi_domain planned");
        Assert.Contains(log.Lines, l => l == "warning: failover: oops");
    }

    [Fact]
    public async Task Execute_CommandFails_ThrowsNamingTheExitCode()
    {
        var ex = await Assert.ThrowsAsync<ReplicationException>(() => Controller("exit 3").ExecuteAsync(Request, new RecordingInteraction(), CancellationToken.None));

        Assert.Contains("exited with code 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instructions_PlannedFailover_NameEveryVolumeAndBothSites()
    {
        var text = ManualReplicationController.Instructions(Request);

        Assert.Contains("path2, scsi_domain", text, StringComparison.Ordinal);
        Assert.Contains("promote the recovery copy", text, StringComparison.Ordinal);
        Assert.Contains("demote the primary copy", text, StringComparison.Ordinal);
    }

    private sealed class RecordingInteraction : IReplicationInteraction
    {
        public List<string> Lines { get; } = [];

        public Task LogAsync(RunLogLevel level, string message, CancellationToken cancellationToken)
        {
            Lines.Add($"{RunLogLevels.ToText(level)}: {message}");
            return Task.CompletedTask;
        }

        public Task PromptAsync(string instructions, CancellationToken cancellationToken) => throw new InvalidOperationException("not expected");
    }
}
