namespace RhvDr.Console.Api;

/// <summary>
/// The DR state's next action: <see cref="Link"/> opens the page, or the run wizard filled in with <see cref="Run"/>;
/// <see cref="NeedsOperator"/> when it starts a run (Viewers are shown the words only).
/// </summary>
public sealed record DrNextActionDto(string Label, string Link, bool NeedsOperator, DrRunDto? Run);
