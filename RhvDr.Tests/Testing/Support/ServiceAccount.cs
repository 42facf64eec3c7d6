using System.Diagnostics;

namespace RhvDr.Tests.Support;

/// <summary>
/// The unprivileged account a console process runs as, the way the systemd unit's <c>User=</c> runs it. Tests that run as
/// root use <see cref="Nobody"/> (through <c>setpriv</c>, part of util-linux); tests that run as another user stay that user.
/// </summary>
public sealed record ServiceAccount(int Uid, int Gid)
{
    public static ServiceAccount Nobody { get; } = new(65534, 65534);

    /// <summary><see cref="Nobody"/> when the tests run as root, since a service never should; null (the current user) otherwise.</summary>
    public static ServiceAccount? ForServices => Environment.IsPrivilegedProcess ? Nobody : null;

    /// <summary>What goes before a command to run it as this account.</summary>
    public IReadOnlyList<string> SetprivArguments => [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--"];

    /// <summary>Hands <paramref name="directory"/> to this account, as systemd's <c>StateDirectory=</c> does for the unit's user.</summary>
    public async Task TakeOwnershipAsync(string directory)
    {
        var chown = new ProcessStartInfo("chown") { ArgumentList = { "-R", $"{Uid}:{Gid}", directory } };
        var result = await ProcessResult.RunAsync(chown, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown of {directory} failed: {result}");
        }
    }
}
