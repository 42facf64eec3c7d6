using RhvDr.Lab;
using RhvDr.Lab.Control;

namespace RhvDr.Console.Hosting;

/// <summary>The embedded lab's control API, once the lab has started; the Lab panel talks to it over HTTP.</summary>
public sealed class LabConnection(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "lab-control";

    private volatile ILabControl? _control;

    /// <summary>Null until the embedded lab runs (and always null when every site is a real engine).</summary>
    public ILabControl? Control => _control;

    internal void Attach(LabServer lab)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        http.BaseAddress = lab.ControlUrl;
        _control = new LabControlClient(http);
    }
}
