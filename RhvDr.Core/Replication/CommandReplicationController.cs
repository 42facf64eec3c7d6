using System.Diagnostics;
using Microsoft.Extensions.Options;
using RhvDr.Core.Recovery;

namespace RhvDr.Core.Replication;

/// <summary>
/// Runs a configured command per operation (<c>RhvDr:Recovery:Commands</c>); stdout and stderr go to the run log.
/// The command must be idempotent: a resumed run may repeat it.
/// </summary>
public sealed class CommandReplicationController(IOptions<RecoveryOptions> options) : IReplicationController
{
    public string Name => "command";

    public Task<IReadOnlyList<ReplicatedVolume>> GetVolumesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicatedVolume>>([]);

    public async Task ExecuteAsync(ReplicationRequest request, IReplicationInteraction run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        if (!options.Value.Commands.TryGetValue(request.Operation, out var command))
        {
            throw new ReplicationException($"No command is configured for replication operation '{request.Operation}'. Set RhvDr:Recovery:Commands:{request.Operation}.");
        }

        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument
                .Replace("{operation}", request.Operation, StringComparison.Ordinal)
                .Replace("{source}", request.SourceSite, StringComparison.Ordinal)
                .Replace("{target}", request.TargetSite, StringComparison.Ordinal)
                .Replace("{mode}", request.Planned ? "planned" : "disaster", StringComparison.Ordinal)
                .Replace("{volumes}", string.Join(',', request.Domains.Select(d => d.Name)), StringComparison.Ordinal));
        }

        await run.LogAsync(RunLogLevel.Info, $"Running {command.FileName} {string.Join(' ', start.ArgumentList)}", cancellationToken).ConfigureAwait(false);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ReplicationException($"The replication command '{command.FileName}' for '{request.Operation}' could not be started: {ex.Message}. Check RhvDr:Recovery:Commands:{request.Operation}:FileName.", ex);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(command.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new ReplicationException($"The replication command for '{request.Operation}' did not finish within {command.Timeout}; it was killed. Check the array, then resume the run.");
        }

        foreach (var line in (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await run.LogAsync(RunLogLevel.Info, $"{request.Operation}: {line}", cancellationToken).ConfigureAwait(false);
        }

        var errors = (await stderr.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in errors)
        {
            await run.LogAsync(RunLogLevel.Warning, $"{request.Operation}: {line}", cancellationToken).ConfigureAwait(false);
        }

        if (process.ExitCode != 0)
        {
            // The last line the command wrote to stderr is usually the reason; the whole output is in the run log.
            var reason = errors.Length > 0 ? $": {errors[^1]}" : " and wrote nothing to stderr";
            throw new ReplicationException($"The replication command for '{request.Operation}' exited with code {process.ExitCode}{reason}. See the run log for its output; fix the cause, then resume the run.");
        }
    }
}
