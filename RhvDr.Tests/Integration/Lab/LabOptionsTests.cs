using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

public sealed class LabOptionsTests
{
    [Fact]
    public async Task StartAsync_UnknownScenario_ThrowsNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => LabServer.StartAsync(new LabOptions { Scenario = "active-maybe" }));

        Assert.Contains("Lab:Scenario", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeTimeScale_ReportsError()
    {
        var errors = new LabOptions { TimeScale = -1 }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Lab:TimeScale", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReadOnlyUserSameAsAdmin_ReportsError()
    {
        var errors = new LabOptions { ReadOnlyUser = "ADMIN@internal" }.Validate();

        Assert.Contains("Lab:ReadOnlyUser 'ADMIN@internal' must be set and differ from Lab:AdminUser.", errors);
    }

    [Fact]
    public void Validate_ActiveActive_NoErrors()
    {
        Assert.Empty(new LabOptions { Scenario = LabOptions.ActiveActive }.Validate());
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new LabOptions().Validate());
    }
}
