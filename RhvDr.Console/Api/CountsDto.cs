namespace RhvDr.Console.Api;

/// <summary>How many objects of a kind are healthy, how many there are, and how many per status.</summary>
public sealed record CountsDto(int Ok, int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<string> Problems);
