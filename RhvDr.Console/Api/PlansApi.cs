using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using RhvDr.Console.Security;
using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Plans;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/plans</c>: the protection groups and recovery plans as one versioned document (YAML or JSON in, JSON out),
/// one plan with its findings, the versions that changed a plan, and the <c>rhvdr-plans.yml</c> export. Reading needs the
/// Viewer role; saving needs Administrator, as the mapping does, and is audited.
/// </summary>
public static class PlansApi
{
    private static readonly string[] YamlContentTypes = [MappingApi.YamlContentType, "text/yaml", "application/x-yaml", "text/x-yaml", "text/plain"];

    /// <summary>camelCase, enums as lower-camel strings, lists as arrays; a misspelt field or a null where a value belongs is refused.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization(AuthorizationPolicies.Viewer);

        group.MapGet("/", async (PlanService plans, CancellationToken ct) =>
            await plans.GetCurrentAsync(ct) is { } stored
                ? Results.Json(PlansDocumentDto.From(stored, stored.Info.IsDraft ? await plans.GetActiveAsync(ct) : stored), Json)
                : NoPlans());

        group.MapPut("/", PutAsync).RequireAuthorization(AuthorizationPolicies.Administrator);

        group.MapGet("/export", async (PlanService plans, CancellationToken ct) =>
            await plans.GetCurrentAsync(ct) is { } stored
                ? Results.File(Encoding.UTF8.GetBytes(PlanYaml.Export(stored.Document)), MappingApi.YamlContentType, PlanYaml.FileName)
                : NoPlans());

        group.MapGet("/{name}", async (string name, PlanService plans, CancellationToken ct) =>
        {
            var stored = await plans.GetCurrentAsync(ct);
            if (stored is null)
            {
                return NoPlans();
            }

            return stored.Document.FindPlan(name) is { } plan ? Results.Json(PlanDto.From(stored, plan, plans.PrimaryEstate()), Json) : NoSuchPlan(name, stored.Document);
        });

        group.MapGet("/{name}/history", async (string name, PlanService plans, CancellationToken ct) =>
        {
            var history = await plans.GetHistoryAsync(name, ct);
            if (history.Count > 0)
            {
                return Results.Json(history, Json);
            }

            var stored = await plans.GetCurrentAsync(ct);
            return stored is null ? NoPlans() : NoSuchPlan(name, stored.Document);
        });

        group.MapGet("/{name}/reip", ReIpAsync);

        return endpoints;
    }

    /// <summary>
    /// <c>GET /api/plans/{name}/reip?kind=failover|test|failback</c>: the plan's re-IP as a run would apply it now, one row per
    /// VM, network and guest interface (old → new, gateway, DNS, and a finding when it will not be applied).
    /// </summary>
    private static async Task<IResult> ReIpAsync(string name, string? kind, ReIpPreviewer previewer, CancellationToken ct)
    {
        var runKind = RunKind.Failover;
        if (kind is not null && !Enum.TryParse(kind, ignoreCase: true, out runKind))
        {
            return Results.Problem(title: "Unknown run kind", detail: $"kind '{kind}' is not a run kind: use failover, test or failback.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            return Results.Json(await previewer.PreviewAsync(name, runKind, ct), Json);
        }
        catch (RunRequestException ex)
        {
            return Results.Problem(title: "Unknown recovery plan", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (EngineException ex)
        {
            return Results.Problem(title: "Engine not readable", detail: $"The re-IP preview reads the VMs and their guest agents at the source engine, which answered: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<IResult> PutAsync(HttpContext context, PlanService plans, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value ?? string.Empty : string.Empty;
        var isJson = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !YamlContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(title: "Unsupported content type",
                detail: $"Content-Type '{context.Request.ContentType}' is not a plans document: send YAML (application/yaml, text/yaml, text/plain) or JSON (application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // The request limits have capped the body at RhvDr:Limits:MappingMaxBytes by now.
        var body = await ReadBodyAsync(context.Request, ct);
        var comment = context.Request.Query["comment"].ToString();
        if (!isJson)
        {
            var imported = await plans.ImportAndSaveAsync(Encoding.UTF8.GetString(body), context.ActorOf(), comment, ct);
            return imported.Saved
                ? Results.Json(PlansSavedDto.From(imported), Json)
                : Rejected("The plans file could not be read as written; nothing was saved", imported.Findings);
        }

        if (MappingJsonBounds.Check(body, plans.Limits) is { } limit)
        {
            return Rejected("The plans document could not be read", [limit]);
        }

        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PlanDocument>(body, Json);
        }
        catch (JsonException ex)
        {
            return Rejected("The plans document could not be read", [JsonFinding(ex, Encoding.UTF8.GetString(body))]);
        }

        if (document is null)
        {
            return Rejected("The plans document could not be read", [new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlNotAMapping, string.Empty, null, null,
                "The body is JSON null, not a plans document.", "Send an object with protectionGroups and plans, as GET /api/plans answers under 'document'.")]);
        }

        if (PlanJsonNulls.Find(document) is { } nullItem)
        {
            return Rejected("The plans document could not be read", [nullItem]);
        }

        return Results.Json(PlansSavedDto.From(await plans.SaveAsync(document, context.ActorOf(), comment, cancellationToken: ct)), Json);
    }

    /// <summary>The mapping API's reading of a JSON error (key path and line), in the words of a plans document.</summary>
    private static MappingFinding JsonFinding(JsonException ex, string json)
    {
        var finding = MappingJsonFindings.From(ex, json);
        const string Fix = "Send the JSON GET /api/plans answers under 'document', or rhvdr-plans.yml with Content-Type application/yaml.";
        return finding.Code switch
        {
            MappingFindingCodes.KeyUnknown => finding with { Message = $"'{finding.Key}' (line {finding.Line}) is not a field of the plans document; nothing was saved.", Fix = Fix },
            MappingFindingCodes.ValueWrongType => finding with
            {
                Message = $"'{finding.Key}' (line {finding.Line}) has a value of the wrong type, or null where a value is needed; nothing was saved.",
                Fix = "Write numbers as numbers (30), booleans as true or false, names in quotes, kinds as words (\"prompt\", \"tcp\").",
            },
            _ => finding with { Fix = Fix },
        };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 4096);
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static IResult Rejected(string title, IReadOnlyList<MappingFinding> findings) =>
        Results.Json(new MappingRejectedDto(title, string.Join(" ", findings.Where(f => f.IsError).Select(f => f.Line is null ? f.Message : $"Line {f.Line}: {f.Message}")), findings),
            Json, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoPlans() => Results.Problem(
        title: "No plans yet",
        detail: "No recovery plans have been saved; runs recover the whole estate (the implicit group 'all'). Save rhvdr-plans.yml with PUT /api/plans.",
        statusCode: StatusCodes.Status404NotFound);

    private static IResult NoSuchPlan(string name, PlanDocument document) => Results.Problem(
        title: "No such plan",
        detail: document.Plans.Count == 0
            ? $"There is no plan '{name}': the saved document has no plans."
            : $"There is no plan '{name}'. Plans: {string.Join(", ", document.Plans.Select(p => p.Name))}.",
        statusCode: StatusCodes.Status404NotFound);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new StrictEnumJsonConverterFactory());
        options.Converters.Add(new ValueListJsonConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
