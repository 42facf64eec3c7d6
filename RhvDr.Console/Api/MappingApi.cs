using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using RhvDr.Console.Security;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/mapping</c>: the DR mapping in force, its versions, import (YAML or JSON), export as <c>disaster_recovery_vars.yml</c>,
/// rollback and a generated preview. JSON is camelCase; secrets are never written in clear. A PUT or rollback that would
/// leave no storage domain mapped, or take objects out of the active mapping, answers 400 with what it would remove unless
/// <c>?confirmRemoval=</c> names them (comma separated) or says <c>all</c>.
/// </summary>
public static class MappingApi
{
    public const string ExportFileName = "disaster_recovery_vars.yml";
    public const string YamlContentType = "application/yaml";

    private static readonly string[] YamlContentTypes = [YamlContentType, "text/yaml", "application/x-yaml", "text/x-yaml", "text/plain"];

    /// <summary>The API's JSON: camelCase, enums as camelCase strings, mapping lists as arrays, secrets masked.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    public static IEndpointRouteBuilder MapMappingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mapping").WithTags("Mapping");

        group.MapGet("/", async (MappingService mappings, CancellationToken ct) =>
            await mappings.GetCurrentAsync(ct) is { } stored
                ? Results.Json(MappingDocumentDto.From(stored), Json)
                : NoMapping());

        group.MapPut("/", PutAsync).RequireAuthorization(AuthorizationPolicies.Administrator);

        group.MapGet("/export", async (MappingService mappings, CancellationToken ct) =>
            await mappings.GetCurrentAsync(ct) is { } stored
                ? Results.File(Encoding.UTF8.GetBytes(DrMappingYaml.Export(stored.Mapping)), YamlContentType, ExportFileName)
                : NoMapping())
            // The YAML export carries the CHAP secrets in clear text, as the oVirt role needs them.
            .RequireAuthorization(AuthorizationPolicies.Administrator);

        group.MapGet("/versions", async (MappingService mappings, CancellationToken ct) => Results.Json(await mappings.GetVersionsAsync(ct), Json));

        group.MapPost("/rollback/{version:int}", async (int version, string? confirmRemoval, HttpContext context, MappingService mappings, CancellationToken ct) =>
        {
            try
            {
                return Results.Json(MappingSavedDto.From(await mappings.RollbackAsync(version, context.ActorOf(), MappingRemovalConfirmation.Parse(confirmRemoval), ct)), Json);
            }
            catch (MappingUnavailableException ex)
            {
                return Results.Problem(title: "No such version", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
            catch (MappingRemovalRefusedException ex)
            {
                return RemovalRefused(ex);
            }
        }).RequireAuthorization(AuthorizationPolicies.Administrator);

        group.MapPost("/generate", async (MappingService mappings, CancellationToken ct) =>
        {
            try
            {
                var generated = await mappings.GenerateAsync(ct);
                return Results.Json(new { mapping = generated.Mapping, findings = generated.Findings }, Json);
            }
            catch (MappingUnavailableException ex)
            {
                return Results.Problem(title: "Cannot generate the mapping", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).RequireAuthorization(AuthorizationPolicies.Administrator);

        return endpoints;
    }

    private static async Task<IResult> PutAsync(HttpContext context, MappingService mappings, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value ?? string.Empty : string.Empty;
        var isJson = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !YamlContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(title: "Unsupported content type",
                detail: $"Content-Type '{context.Request.ContentType}' is not a mapping: send YAML (application/yaml, text/yaml, text/plain) or JSON (application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // The request limits have capped the body at RhvDr:Limits:MappingMaxBytes by now.
        var body = await ReadBodyAsync(context.Request, ct);
        var comment = context.Request.Query["comment"].ToString();
        var confirm = MappingRemovalConfirmation.Parse(context.Request.Query["confirmRemoval"].ToString());
        MappingSaveResult result;
        try
        {
            if (isJson)
            {
                if (MappingJsonBounds.Check(body, mappings.Limits) is { } limit)
                {
                    return Rejected(limit);
                }

                DrMapping? mapping;
                try
                {
                    mapping = JsonSerializer.Deserialize<DrMapping>(body, Json);
                }
                catch (JsonException ex)
                {
                    return Rejected(MappingJsonFindings.From(ex, Encoding.UTF8.GetString(body)));
                }

                if (mapping is null)
                {
                    return Rejected(new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlNotAMapping, string.Empty, null, null,
                        "The body is JSON null, not a mapping.", "Send the JSON of a mapping object."));
                }

                var current = await mappings.GetCurrentAsync(ct);
                result = await mappings.SaveAsync(MappingSecrets.RestoreMasked(mapping, current?.Mapping), context.ActorOf(), comment, confirmRemoval: confirm, cancellationToken: ct);
            }
            else
            {
                result = await mappings.ImportAndSaveAsync(Encoding.UTF8.GetString(body), context.ActorOf(), comment, confirm, ct);
                if (!result.Saved)
                {
                    return Results.Json(new MappingRejectedDto("The mapping file could not be read",
                        string.Join(" ", result.Findings.Where(f => f.IsError).Select(f => f.Message)), result.Findings), Json, statusCode: StatusCodes.Status400BadRequest);
                }
            }
        }
        catch (MappingRemovalRefusedException ex)
        {
            return RemovalRefused(ex);
        }

        return Results.Json(MappingSavedDto.From(result), Json);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 4096);
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>
    /// 400 as problem details: what the save would remove (<c>removed</c>: kind and name each), whether it maps no storage
    /// domain at all, and the <c>confirmRemoval</c> value that saves it anyway.
    /// </summary>
    private static IResult RemovalRefused(MappingRemovalRefusedException ex) => Results.Problem(
        title: ex.NoStorage ? "The mapping maps no storage domain" : "The mapping would remove DR protection",
        detail: ex.Message,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["removed"] = ex.Removed.Select(r => new { kind = r.Kind, name = r.Name }).ToList(),
            ["noStorage"] = ex.NoStorage,
            ["confirmRemoval"] = ex.ConfirmWith,
        });

    private static IResult Rejected(MappingFinding finding) =>
        Results.Json(new MappingRejectedDto("The mapping could not be read", finding.Message, [finding]), Json, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoMapping() => Results.Problem(
        title: "No mapping yet",
        detail: "No DR mapping has been saved. Generate one (POST /api/mapping/generate, then PUT it) or import disaster_recovery_vars.yml with PUT /api/mapping.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>Who saved: the signed-in user when there is one, else "api".</summary>
    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // A misspelt field is refused with its name and line, never dropped while the answer says "no changes".
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new StrictEnumJsonConverterFactory());
        options.Converters.Add(new ValueListJsonConverterFactory());
        options.Converters.Add(new SecretValueJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
