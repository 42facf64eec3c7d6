using System.Text.Json.Serialization;

namespace RhvDr.Core.Plans;

/// <summary>
/// A pre- or post-step: a <see cref="PlanStepKind.Prompt"/> uses <see cref="Message"/>; a <see cref="PlanStepKind.Command"/>
/// uses <see cref="Command"/>; an <see cref="PlanStepKind.Http"/> call uses <see cref="Url"/> and <see cref="Method"/>.
/// Commands and calls stop at <see cref="TimeoutSeconds"/> (<see cref="DefaultTimeoutSeconds"/> when absent).
/// </summary>
public sealed record PlanStep
{
    public const int DefaultTimeoutSeconds = 300;

    public PlanStepKind Kind { get; init; }

    public string? Name { get; init; }

    public string? Message { get; init; }

    public string? Command { get; init; }

    public string? Url { get; init; }

    /// <summary>GET, POST, PUT, PATCH or DELETE; GET when absent.</summary>
    public string? Method { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary>What the run log and the run page call the step: its name, else what it does.</summary>
    [JsonIgnore]
    public string Title => Name ?? Kind switch
    {
        PlanStepKind.Prompt => Message ?? "prompt",
        PlanStepKind.Command => Command ?? "command",
        _ => $"{Method ?? "GET"} {Url}",
    };
}
