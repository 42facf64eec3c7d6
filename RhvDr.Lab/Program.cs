namespace RhvDr.Lab;

/// <summary>Standalone lab entry point.</summary>
public static class LabProgram
{
    public static void Main() => System.Console.WriteLine("RhvDr lab");
}
