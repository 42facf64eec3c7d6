using RhvDr.Core.Replication;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary><c>examples/replication/lab-array.sh</c> configured as the README says, for every replication operation.</summary>
public static class LabArrayScript
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryPaths.Root, "examples", "replication", "lab-array.sh");

    /// <summary>
    /// The <c>RhvDr:Recovery:Commands</c> settings with <paramref name="separator"/> between key parts: ":" for
    /// configuration keys, "__" for environment variables. <paramref name="token"/> is the array's credential (the lab's control token).
    /// </summary>
    public static Dictionary<string, string?> Settings(string arrayUrl, string? caFile, string token, string separator)
    {
        var settings = new Dictionary<string, string?>();
        string[] arguments = ["{operation}", "{source}", "{target}", "{volumes}", "{mode}"];
        foreach (var operation in ReplicationOperations.All)
        {
            var prefix = string.Join(separator, "RhvDr", "Recovery", "Commands", operation, string.Empty);
            settings[prefix + "FileName"] = Path;
            for (var i = 0; i < arguments.Length; i++)
            {
                settings[$"{prefix}Arguments{separator}{i}"] = arguments[i];
            }
            settings[prefix + "Timeout"] = "00:01:00";
            settings[$"{prefix}Environment{separator}RHVDR_ARRAY_URL"] = arrayUrl;
            settings[$"{prefix}Environment{separator}RHVDR_ARRAY_TOKEN"] = token;
            if (caFile is not null)
            {
                settings[$"{prefix}Environment{separator}RHVDR_ARRAY_CA"] = caFile;
            }
        }
        return settings;
    }
}
