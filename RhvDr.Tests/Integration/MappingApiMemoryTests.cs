using System.Net;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace RhvDr.Tests.Integration;

/// <summary>
/// Measures the GC heap of this test process, which hosts the console: another console alive in the same process would
/// allocate into the same heap. These tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MappingMemoryCollection
{
    public const string Name = "Mapping memory";
}

/// <summary>
/// The largest mapping file the console accepts, uploaded again and again, leaves memory where it was: what one upload reads
/// is bounded by <c>RhvDr:Limits</c> and none of it is kept once the version is stored.
/// </summary>
[Collection(MappingMemoryCollection.Name)]
public sealed class MappingApiMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// How much the live small-object heap (generations 0–2 after a full, compacting collection) may grow from the first upload
    /// to any later one. What one upload builds (the document tree, the mapping, thousands of findings) is small objects: a
    /// leak of it would pass this within a few uploads. The lab and pollers running alongside move it by about 1 MiB (alone, it
    /// stays at 13–14 MiB across twenty uploads).
    /// </summary>
    private const long SmallObjectGrowthBound = 8L * 1024 * 1024;

    /// <summary>
    /// How much the whole live heap, large objects included, may grow from the first upload to any later one. Large buffers
    /// (request and response bodies, JSON writers) come from shared pools that keep some per thread for a while, so this
    /// bound is loose (alone, about 90 MiB is seen); an unbounded upload (the 6 GB that 300,000 entries once took) is far
    /// beyond it. Relative to the first upload, as other tests in the same process may have filled those pools already.
    /// </summary>
    private const long WholeHeapGrowthBound = 192L * 1024 * 1024;

    /// <summary>Each upload takes over a second on two cores (the file is the largest accepted); eight show a trend.</summary>
    private const int Uploads = 8;
    private const long MappingMaxBytes = 1024 * 1024;

    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task Put_LargestAcceptedFileEightTimes_LiveHeapStaysFlat()
    {
        var yaml = LargestAcceptedFile();
        Assert.InRange(Encoding.UTF8.GetByteCount(yaml), MappingMaxBytes * 95 / 100, MappingMaxBytes);

        long baseline = 0;
        long wholeBaseline = 0;
        long highestSmall = 0;
        long highestWhole = 0;
        for (var i = 1; i <= Uploads; i++)
        {
            using (var response = await _http.PutAsync("/api/mapping", new StringContent(yaml, Encoding.UTF8, "application/yaml")))
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"upload {i} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
                Assert.Equal(i + 1, JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32());
            }

            var (small, whole) = LiveHeap();
            output.WriteLine($"upload {i}: live small-object heap {small / 1024 / 1024} MiB, whole heap {whole / 1024 / 1024} MiB");
            if (i == 1)
            {
                // The first upload warms up what every later one reuses (JIT, caches, the inventories read for validation).
                baseline = small;
                wholeBaseline = whole;
            }

            highestSmall = Math.Max(highestSmall, small);
            highestWhole = Math.Max(highestWhole, whole);
        }

        Assert.True(highestSmall - baseline <= SmallObjectGrowthBound,
            $"The live small-object heap grew {(highestSmall - baseline) / 1024 / 1024} MiB over {Uploads - 1} uploads (from {baseline / 1024 / 1024} MiB); at most {SmallObjectGrowthBound / 1024 / 1024} MiB is allowed.");
        Assert.True(highestWhole - wholeBaseline <= WholeHeapGrowthBound,
            $"The whole live heap grew {(highestWhole - wholeBaseline) / 1024 / 1024} MiB over {Uploads - 1} uploads (from {wholeBaseline / 1024 / 1024} MiB); at most {WholeHeapGrowthBound / 1024 / 1024} MiB is allowed.");
    }

    /// <summary>
    /// Live objects only: two full, blocking, compacting collections (large objects included), then the sizes that the last of
    /// them left: generations 0–2, and those plus the large and pinned object heaps.
    /// </summary>
    private static (long SmallObjects, long Whole) LiveHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var generations = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo;
        long small = 0;
        long whole = 0;
        for (var g = 0; g < generations.Length; g++)
        {
            whole += generations[g].SizeAfterBytes;
            small += g <= 2 ? generations[g].SizeAfterBytes : 0;
        }

        return (small, whole);
    }

    /// <summary>NFS storage entries (names the lab does not have, so each version is a draft) up to just under the 1 MiB default.</summary>
    private static string LargestAcceptedFile()
    {
        var text = new StringBuilder("dr_sites_primary_url: \"https://engine1.example.com/ovirt-engine/api\"\ndr_import_storages:\n");
        for (var i = 0; ; i++)
        {
            var entry = $"""
                  - dr_domain_type: "nfs"
                    dr_primary_name: "primary_domain_{i:D5}"
                    dr_primary_master_domain: "False"
                    dr_primary_address: "10.0.0.1"
                    dr_primary_path: "/export/primary_{i:D5}"
                    dr_primary_dc_name: "Prod"
                    dr_secondary_name: "secondary_domain_{i:D5}"
                    dr_secondary_master_domain: "False"
                    dr_secondary_address: "10.0.1.1"
                    dr_secondary_path: "/export/secondary_{i:D5}"
                    dr_secondary_dc_name: "Recovery"

                """;
            if (Encoding.UTF8.GetByteCount(entry) + text.Length > MappingMaxBytes)
            {
                return text.ToString();
            }

            text.Append(entry);
        }
    }
}
