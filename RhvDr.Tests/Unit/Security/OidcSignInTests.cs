using RhvDr.Console.Security;
using RhvDr.Core.Security;

namespace RhvDr.Tests.Security;

/// <summary>How the identity provider's claims become a console role, and what a bad provider setting says.</summary>
public sealed class OidcSignInTests
{
    private static readonly OidcOptions Settings = new()
    {
        Authority = "https://sso.example.com/realms/ops",
        ClientId = "rhvdr",
        RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["dr-viewers"] = Role.Viewer, ["dr-operators"] = Role.Operator },
    };

    [Fact]
    public void MapRole_SeveralMappedGroups_TakesTheHighest()
    {
        Assert.Equal(Role.Operator, OidcSignIn.MapRole(["staff", "DR-Viewers", "dr-operators"], Settings));
    }

    [Fact]
    public void MapRole_NoMappedGroup_GivesNoRole()
    {
        Assert.Null(OidcSignIn.MapRole(["staff", "finance"], Settings));
    }

    [Fact]
    public void Validate_PlainHttpAuthorityWithoutRoleMap_NamesBothKeys()
    {
        var options = new SecurityOptions { Oidc = new OidcOptions { Authority = "http://sso.example.com", ClientId = "rhvdr" } };

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Security:Oidc:Authority 'http://sso.example.com' is not an https URL", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Security:Oidc:RoleMap is empty", StringComparison.Ordinal));
    }
}
