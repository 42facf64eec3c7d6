using RhvDr.Core.Security;

namespace RhvDr.Tests.Support;

/// <summary>Who acts in tests that call Core's services directly.</summary>
internal static class TestActors
{
    public static Actor Operator { get; } = new("tests", Role.Operator, "test");

    public static Actor Administrator { get; } = new("admin", Role.Administrator, "test");

    public static Actor Viewer { get; } = new("manager", Role.Viewer, "test");

    public static Actor Named(string name, Role role = Role.Operator) => new(name, role, "test");
}
