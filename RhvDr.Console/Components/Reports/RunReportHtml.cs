using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Components.Reports;

/// <summary>Renders <see cref="RunReportDocument"/> to an HTML string outside any circuit, for <c>/api/runs/{id}/report?format=html</c>.</summary>
public static class RunReportHtml
{
    public static async Task<string> RenderAsync(RunReport report, DateTimeOffset generatedAt, IServiceProvider services, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sites = services.GetService<IInventoryStore>()?.Current.Sites.Select(s => s.Site).ToList() ?? [];
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [nameof(RunReportDocument.Report)] = report,
                [nameof(RunReportDocument.GeneratedAt)] = generatedAt,
                [nameof(RunReportDocument.Sites)] = sites,
            });
            var output = await renderer.RenderComponentAsync<RunReportDocument>(parameters);
            return output.ToHtmlString();
        });
    }
}
