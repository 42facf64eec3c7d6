namespace RhvDr.Core.Configuration;

/// <summary>
/// A kind of engine a module of the console hosts in-process, registered in the service collection by that module: sites
/// may then use <c>SCHEME:NAME</c> engine addresses (<see cref="EmbeddedEngineAddress"/>) with one of <see cref="Names"/>.
/// </summary>
/// <param name="Scheme">The address prefix, lower case, e.g. <c>lab</c>.</param>
/// <param name="Description">What operators call it in messages, e.g. <c>the embedded lab</c>.</param>
/// <param name="Names">The engines it can host, e.g. <c>primary</c> and <c>recovery</c>.</param>
public sealed record EmbeddedEngineScheme(string Scheme, string Description, IReadOnlyList<string> Names)
{
    public bool Hosts(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The address an operator would write for <paramref name="name"/>, e.g. <c>lab:primary</c>.</summary>
    public string Address(string name) => $"{Scheme}:{name}";
}
