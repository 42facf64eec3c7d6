using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RhvDr.Core.Audit;
using RhvDr.Core.Data;

namespace RhvDr.Tests.Audit;

public sealed class AuditServiceExtensionsTests
{
    [Fact]
    public void AddRhvDrAudit_WithConnectionFactory_RegistersOneSqliteTrail()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(new SqliteConnectionFactory(Path.Combine(Path.GetTempPath(), "rhvdr-unused.db")));

        builder.AddRhvDrAudit();
        using var host = builder.Build();

        var trail = host.Services.GetRequiredService<IAuditTrail>();
        Assert.IsType<SqliteAuditTrail>(trail);
        Assert.Same(trail, host.Services.GetRequiredService<IAuditTrail>());
    }
}
