using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RhvDr.Tests.Support;

/// <summary>
/// A console running as its own OS process, started from an install directory the way its systemd unit starts it
/// (<c>dotnet DIR/RhvDr.Console.dll --urls http://127.0.0.1:PORT</c>, working directory DIR), with only the given
/// <c>RhvDr__*</c> and <c>ASPNETCORE_*</c> environment. Unlike <c>ConsoleAppFactory</c> it can be killed outright
/// (<see cref="KillAsync"/>, SIGKILL) and another started on the same database, as after a crash or a power cut.
/// </summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    public const string AssemblyFile = "RhvDr.Console.dll";

    /// <summary>How long a console may take to answer <c>/healthz</c>; generous because other builds share the machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private const int MaxOutputLines = 2000;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();

    private ConsoleProcess(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        Directory = directory;
        BaseAddress = baseAddress;
    }

    /// <summary>The install directory the console was started from (its working directory and content root).</summary>
    public string Directory { get; }

    /// <summary>Where the console listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the console wrote to stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts the console in <paramref name="directory"/> on a free loopback port and waits until <c>/healthz</c> answers 200.
    /// Fails with the console's output when it exits or does not answer in time.
    /// </summary>
    public static async Task<ConsoleProcess> StartAsync(string directory, IReadOnlyDictionary<string, string?> environment, ServiceAccount? runAs = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = StartInfo(directory, ["--urls", baseAddress.GetLeftPart(UriPartial.Authority)], environment, runAs);
        var process = new Process { StartInfo = start };
        var console = new ConsoleProcess(process, directory, baseAddress);
        process.OutputDataReceived += (_, e) => console.Record(e.Data);
        process.ErrorDataReceived += (_, e) => console.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await console.WaitUntilHealthyAsync();
            return console;
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a subcommand (<c>dotnet DIR/RhvDr.Console.dll ARGS</c>) from <paramref name="directory"/> to its end.</summary>
    public static Task<ProcessResult> RunCommandAsync(
        string directory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, ServiceAccount? runAs = null) =>
        ProcessResult.RunAsync(StartInfo(directory, arguments, environment, runAs), StartTimeout);

    /// <summary>
    /// The environment of a console on two real https engines that do not answer (as during an outage), its database and
    /// keys in <paramref name="dataDirectory"/>, bootstrapped with an administrator and <paramref name="adminToken"/>.
    /// </summary>
    public static Dictionary<string, string?> UnreachableEnginesEnvironment(string dataDirectory, string adminToken) => new()
    {
        ["RhvDr__DatabasePath"] = Path.Combine(dataDirectory, "rhvdr.db"),
        ["RhvDr__DataProtection__KeysPath"] = Path.Combine(dataDirectory, "keys"),
        ["RhvDr__Sites__0__EngineUrl"] = "https://127.0.0.1:9/ovirt-engine/api",
        ["RhvDr__Sites__0__Password"] = "primary-engine-password",
        ["RhvDr__Sites__1__EngineUrl"] = "https://127.0.0.1:10/ovirt-engine/api",
        ["RhvDr__Sites__1__Password"] = "recovery-engine-password",
        ["RhvDr__Bootstrap__AdminUser"] = "admin",
        ["RhvDr__Bootstrap__AdminPassword"] = "a long admin passphrase for tests",
        ["RhvDr__Bootstrap__ApiToken"] = adminToken,
    };

    /// <summary>A port nothing listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client of the console's API that sends <paramref name="token"/> when one is given.</summary>
    public HttpClient CreateApiClient(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    /// <summary>SIGKILL, the whole process tree: nothing is flushed or shut down, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await WaitForExitAsync("after SIGKILL");
    }

    /// <summary>SIGTERM, as <c>systemctl stop</c> sends: the console shuts down gracefully. Returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to console {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        await WaitForExitAsync("after SIGTERM");
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(
        string directory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, ServiceAccount? runAs)
    {
        var start = new ProcessStartInfo(runAs is null ? "dotnet" : "setpriv")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in runAs?.SetprivArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        if (runAs is not null)
        {
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(Path.Combine(directory, AssemblyFile));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test gives configures the console: nothing inherited from the test run's environment.
        var inherited = start.Environment.Keys
            .Where(k => k.StartsWith("RhvDr__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Lab__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var key in inherited)
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        string state;
        try
        {
            state = await WaitFor.ValueAsync(
                async () =>
                {
                    if (_process.HasExited)
                    {
                        return "exited";
                    }
                    using var response = await http.GetAsync("healthz");
                    return response.StatusCode == HttpStatusCode.OK ? "healthy" : $"HTTP {(int)response.StatusCode}";
                },
                s => s is "healthy" or "exited",
                $"the console in {Directory} to answer {BaseAddress}healthz",
                StartTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nConsole output:\n{Output}", ex);
        }
        if (state == "exited")
        {
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"The console in {Directory} exited with code {_process.ExitCode} before it answered /healthz:\n{Output}");
        }
    }

    private async Task WaitForExitAsync(string when)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The console {_process.Id} did not exit within {ExitTimeout.TotalSeconds:0} s {when}:\n{Output}", ex);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
