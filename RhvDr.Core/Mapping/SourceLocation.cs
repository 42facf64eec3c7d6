using System.Runtime.InteropServices;

namespace RhvDr.Core.Mapping;

/// <summary>A 1-based line and column in the imported file.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct SourceLocation(int Line, int Column);
