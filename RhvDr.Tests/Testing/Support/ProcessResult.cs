using System.Diagnostics;

namespace RhvDr.Tests.Support;

/// <summary>How a command that ran to its end exited, and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="start"/> to its end, reading stdout and stderr; kills it and fails after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException ex)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s\n{await output}\n{await error}", ex);
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit code {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
