using System.Text.Json;

namespace RhvDr.Console.Api;

/// <summary>
/// A request the framework cannot bind (a JSON body with a wrong type or an unknown enum name, a missing body, a
/// malformed route value) answers 400 with a problem document that names the field, never an empty 400 or a 500.
/// Endpoints throw these because <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on.
/// </summary>
public sealed class BadRequestProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        // A body over its size limit is the request limits' to answer: they name the limit and the setting.
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted && ex.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            await Answer(ex).ExecuteAsync(context);
        }
    }

    /// <summary>The problem document for <paramref name="ex"/>: the JSON field and what is wrong with it when the body was the cause.</summary>
    public static IResult Answer(BadHttpRequestException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var detail = field.Length == 0
                ? $"The request body is not valid JSON (line {json.LineNumber + 1}): {Reason(json)}"
                : $"Field '{field}': {Reason(json)}";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [field.Length == 0 ? "body" : field] = [detail] },
                detail: detail,
                title: "The request body could not be read");
        }

        return TypedResults.Problem(title: "Bad request", detail: ex.Message, statusCode: ex.StatusCode);
    }

    /// <summary><c>$.role</c> → <c>role</c>; <c>$.items[2].name</c> → <c>items[2].name</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>Our converters' messages say what is allowed; the serializer's own name CLR types, so those become words.</summary>
    private static string Reason(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "the value has the wrong type (a string, number, true/false, list or object where another is expected)."
            : json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)
                ? "this call has no such field; check its spelling against the README's HTTP API."
                : StripPosition(json.Message);

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
