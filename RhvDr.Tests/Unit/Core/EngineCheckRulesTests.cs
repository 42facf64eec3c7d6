using RhvDr.Core.Engines;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Core;

/// <summary>What the engine check counts as enough permits, and which engine versions it supports.</summary>
public sealed class EngineCheckRulesTests
{
    private static readonly IReadOnlySet<string> Everything = DrPermits.Needed.Select(p => p.Name).ToHashSet();

    [Fact]
    public void Missing_EveryPermitOnTheSystem_NoneMissing()
    {
        Assert.Empty(DrPermits.Missing([(EnginePermissionScope.System, Everything)]));
    }

    [Fact]
    public void Missing_EveryPermitOnADataCenter_OnlyTheSystemOnlyPermitMissing()
    {
        var missing = DrPermits.Missing([(EnginePermissionScope.DataCenter, Everything)]);

        Assert.Equal(["create_storage_domain"], missing.Select(p => p.Name));
    }

    [Fact]
    public void Missing_EveryPermitOnAClusterOnly_EveryPermitMissing()
    {
        var missing = DrPermits.Missing([(EnginePermissionScope.Cluster, Everything)]);

        Assert.Equal(DrPermits.Needed, missing);
    }

    [Fact]
    public void Missing_PermitsSplitOverTwoGrants_TogetherEnough()
    {
        var storage = new HashSet<string> { "create_storage_domain", "manipulate_storage_domain", "delete_storage_domain" };
        var rest = Everything.Except(storage).ToHashSet();

        Assert.Empty(DrPermits.Missing([(EnginePermissionScope.System, storage), (EnginePermissionScope.DataCenter, rest)]));
    }

    [Theory]
    [InlineData(4, 3, EngineCheckLevel.Ok)]
    [InlineData(4, 5, EngineCheckLevel.Ok)]
    [InlineData(4, 2, EngineCheckLevel.Warn)]
    [InlineData(4, 6, EngineCheckLevel.Warn)]
    [InlineData(3, 6, EngineCheckLevel.Warn)]
    public void Evaluate_Version_OkInsideTheRangeWarnOutside(int major, int minor, EngineCheckLevel expected)
    {
        var (facts, line) = EngineVersionSupport.Evaluate(new OvirtProductInfo { Name = "Red Hat Virtualization Manager", Version = new OvirtVersion { Major = major, Minor = minor, Build = 1, Revision = 0 } });

        Assert.Equal(expected, line.Level);
        Assert.Equal(expected == EngineCheckLevel.Ok, facts.Supported);
        Assert.Equal($"{major}.{minor}.1.0", facts.Version);
        Assert.StartsWith($"Red Hat Virtualization Manager {major}.{minor}.1.0", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OlderThanSupported_SaysToUpgrade()
    {
        var (_, line) = EngineVersionSupport.Evaluate(new OvirtProductInfo { Name = "oVirt Engine", Version = new OvirtVersion { Major = 4, Minor = 2, FullVersion = "4.2.8.2-1.el7" } });

        Assert.Equal("oVirt Engine 4.2.8.2-1.el7 is outside the supported range (RHV/oVirt 4.3 to 4.5, REST API v4); DR runs may work but are not tested against it", line.Message);
        Assert.Equal("Upgrade the engine to 4.3 or later before relying on it for DR.", line.Fix);
    }

    [Fact]
    public void Evaluate_NoProductInfo_WarnsThatTheVersionIsUnknown()
    {
        var (facts, line) = EngineVersionSupport.Evaluate(null);

        Assert.Equal(EngineCheckLevel.Warn, line.Level);
        Assert.False(facts.Supported);
        Assert.Contains("did not say its version", line.Message, StringComparison.Ordinal);
    }
}
