using YamlDotNet.Core;

namespace RhvDr.Core.Mapping;

/// <summary>Where the YAML parser gave up, why, and the key path it was reading.</summary>
internal sealed record YamlSyntaxError(Mark Start, string Reason, string KeyPath);
