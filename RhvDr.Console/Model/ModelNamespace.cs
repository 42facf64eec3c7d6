namespace RhvDr.Console.Model;
internal static class ModelNamespace;
