using System.Diagnostics;
using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

public sealed class LabScaleTests
{
    [Fact]
    public void Generate_TenThousandVms_UnderOneSecond()
    {
        // Arrange
        var options = new LabOptions { TimeScale = 0, VmsPerSite = 10_000 };
        _ = new LabSimulation(new LabOptions { TimeScale = 0, VmsPerSite = 10 }); // warm up the JIT
        var watch = Stopwatch.StartNew();

        // Act
        using var simulation = new LabSimulation(options);

        // Assert
        watch.Stop();
        Assert.Equal(10_000, simulation.FindEngine("primary")!.Vms.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"generation took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task GetVms_TenThousandVms_ServesAllQuickly()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions(10_000));
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        _ = await primary.Http.GetStringAsync("vms?max=1"); // warm up the JIT
        var watch = Stopwatch.StartNew();

        // Act: the second answer comes from the rendered-answer cache.
        var first = await primary.Http.GetStringAsync("vms");
        var second = await primary.Http.GetStringAsync("vms");
        watch.Stop();

        // Assert
        using var document = System.Text.Json.JsonDocument.Parse(first);
        Assert.Equal(10_000, document.RootElement.GetProperty("vm").GetArrayLength());
        Assert.Equal(first, second);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"two /vms answers took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Generate_SameSeed_SameEstate()
    {
        using var a = new LabSimulation(new LabOptions { TimeScale = 0, Seed = 7 });
        using var b = new LabSimulation(new LabOptions { TimeScale = 0, Seed = 7 });

        Assert.Equal(a.FindEngine("primary")!.Vms.Keys, b.FindEngine("primary")!.Vms.Keys);
        Assert.Equal(a.FindEngine("primary")!.Vms.Values.Select(v => v.Name), b.FindEngine("primary")!.Vms.Values.Select(v => v.Name));
    }
}
