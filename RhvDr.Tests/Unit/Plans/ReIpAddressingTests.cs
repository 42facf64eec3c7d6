using System.Net;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Plans;

/// <summary>Re-IP address arithmetic and rows: host part kept, explicit addresses, subnets of different sizes, the way back, Windows guests.</summary>
public sealed class ReIpAddressingTests
{
    private static readonly ReIpRule Prod = new()
    {
        Network = "vm_prod",
        PrimarySubnet = "10.10.100.0/24",
        RecoverySubnet = "10.20.100.0/24",
        Gateway = "10.20.100.1",
        Dns = ["10.20.0.53"],
        Addresses = [new ReIpAddress { Vm = "db1", Address = "10.20.100.10" }],
    };

    [Theory]
    [InlineData("10.10.100.37", "10.10.100.0/24", "10.20.100.0/24", "10.20.100.37")]
    [InlineData("172.16.5.200", "172.16.4.0/23", "192.168.10.0/23", "192.168.11.200")]
    [InlineData("10.1.2.3", "10.0.0.0/8", "11.0.0.0/8", "11.1.2.3")]
    [InlineData("fd00:1::42", "fd00:1::/64", "fd00:2::/64", "fd00:2::42")]
    public void KeepHostPart_AddressInPrimarySubnet_SameHostPartInRecoverySubnet(string address, string from, string to, string expected)
    {
        // Act
        var moved = ReIpAddressing.KeepHostPart(IPAddress.Parse(address), IPNetwork.Parse(from), IPNetwork.Parse(to));

        // Assert
        Assert.Equal(expected, moved?.ToString());
    }

    [Theory]
    [InlineData("10.10.100.37", "10.10.100.0/24", "10.20.0.0/16")]
    [InlineData("10.10.101.37", "10.10.100.0/24", "10.20.100.0/24")]
    public void KeepHostPart_PrefixMismatchOrOutsideSubnet_Null(string address, string from, string to)
    {
        // Act
        var moved = ReIpAddressing.KeepHostPart(IPAddress.Parse(address), IPNetwork.Parse(from), IPNetwork.Parse(to));

        // Assert
        Assert.Null(moved);
    }

    [Fact]
    public void Rows_ToRecovery_KeepsHostPartOrTakesExplicitAddressWithRecoveryGatewayAndDns()
    {
        // Arrange
        ReIpGuest[] guests =
        [
            Guest("web1", configured: "10.10.100.37"),
            Guest("db1", reported: "10.10.100.5"),
            Guest("other", configured: "10.10.200.9"),
        ];

        // Act
        var rows = ReIpAddressing.Rows(Plan(Prod), guests, ReIpDirection.ToRecovery);

        // Assert
        Assert.Equal(2, rows.Count);
        var web = rows.Single(r => r.Vm == "web1");
        Assert.Equal(("eth0", "10.10.100.37", "10.20.100.37", "255.255.255.0", "10.20.100.1"), (web.Nic, web.Old, web.New, web.Netmask, web.Gateway));
        Assert.Equal(["10.20.0.53"], web.Dns);
        Assert.True(web.Applies);
        var db = rows.Single(r => r.Vm == "db1");
        Assert.Equal(("10.10.100.5", "10.20.100.10"), (db.Old, db.New));
        Assert.Null(db.Finding);
    }

    [Fact]
    public void Rows_PrefixMismatch_RowSaysTheSubnetsDifferAndIsNotApplied()
    {
        // Arrange
        var rule = Prod with { RecoverySubnet = "10.20.0.0/16", Addresses = [] };

        // Act
        var row = Assert.Single(ReIpAddressing.Rows(Plan(rule), [Guest("web1", configured: "10.10.100.37")], ReIpDirection.ToRecovery));

        // Assert
        Assert.Null(row.New);
        Assert.False(row.Applies);
        Assert.Contains("different sizes", row.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_WindowsGuest_FindingNamesTheVmAndSaysWhatToDo()
    {
        // Arrange
        var guest = Guest("win1", reported: "10.10.100.44") with { OsType = "windows_2019x64" };

        // Act
        var row = Assert.Single(ReIpAddressing.Rows(Plan(Prod), [guest], ReIpDirection.ToRecovery));

        // Assert
        Assert.False(row.Applies);
        Assert.Contains("'win1' (windows_2019x64) has no cloud-init", row.Finding, StringComparison.Ordinal);
        Assert.Contains("sysprep is not supported", row.Finding, StringComparison.Ordinal);
        Assert.Contains("set its address by hand", row.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_NoInitializationAndNoAgent_FindingSaysTheAddressIsNotKnown()
    {
        // Act
        var row = Assert.Single(ReIpAddressing.Rows(Plan(Prod), [new ReIpGuest("id-x", "quiet1", "rhel_8x64", [], [])], ReIpDirection.ToRecovery));

        // Assert
        Assert.False(row.Applies);
        Assert.Contains("'quiet1' is not known", row.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_ToPrimary_RestoresTheConfiguredPrimaryAddressFromWhatTheAgentReports()
    {
        // Arrange
        var web = new ReIpGuest("id-web1", "web1", "rhel_8x64", [new ReIpGuestNic("eth0", "10.10.100.37", "10.10.100.1", "10.20.100.37")], ["10.10.0.53"]);
        var db = new ReIpGuest("id-db1", "db1", "rhel_8x64", [new ReIpGuestNic("eth0", "10.10.100.5", "10.10.100.1", null)], []);

        // Act
        var rows = ReIpAddressing.Rows(Plan(Prod), [web, db], ReIpDirection.ToPrimary);

        // Assert
        var back = rows.Single(r => r.Vm == "web1");
        Assert.Equal(("10.20.100.37", "10.10.100.37", "10.10.100.1"), (back.Old, back.New, back.Gateway));
        Assert.Equal(["10.10.0.53"], back.Dns);
        var dbBack = rows.Single(r => r.Vm == "db1");
        Assert.Equal(("10.20.100.10", "10.10.100.5"), (dbBack.Old, dbBack.New));
    }

    [Fact]
    public void StartBody_Rows_UseCloudInitWithStaticNicConfigurationsAndDnsServers()
    {
        // Arrange
        var row = new ReIpRow("web1", "vm_prod", "eth0", "10.10.100.37", "10.20.100.37", "255.255.255.0", "10.20.100.1", ["10.20.0.53", "10.20.0.54"], null);

        // Act
        var json = System.Text.Json.JsonSerializer.Serialize(ReIpAddressing.StartBody([row]));

        // Assert
        Assert.Equal("""{"use_cloud_init":true,"vm":{"initialization":{"nic_configurations":{"nic_configuration":[{"name":"eth0","boot_protocol":"static","on_boot":true,"ip":{"address":"10.20.100.37","netmask":"255.255.255.0","gateway":"10.20.100.1"}}]},"dns_servers":"10.20.0.53 10.20.0.54"}}}""", json);
    }

    private static RecoveryPlanDefinition Plan(ReIpRule rule) => new() { Name = "p", ReIp = [rule] };

    private static ReIpGuest Guest(string name, string? configured = null, string? reported = null) =>
        new($"id-{name}", name, "rhel_8x64", [new ReIpGuestNic("eth0", configured, null, reported)], []);
}
