using RhvDr.Console.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRhvDrConsole();

var app = builder.Build();
app.MapRhvDrConsole();
app.Run();

/// <summary>Entry point, public so integration tests can host the console.</summary>
public partial class Program;
