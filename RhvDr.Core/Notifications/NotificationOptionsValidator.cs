using Microsoft.Extensions.Options;

namespace RhvDr.Core.Notifications;

/// <summary>Fails start-up on a bad webhook setting, naming the key; a secret is never echoed, only what is wrong with it.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public const int MinSecretLength = 16;

    public const int MaxSecretLength = 1024;

    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private const string Section = NotificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetryDelay <= TimeSpan.Zero || options.RetryDelay > MaxRetryDelay)
        {
            failures.Add($"{Section}:RetryDelay '{options.RetryDelay}' must be positive and at most {MaxRetryDelay}, e.g. 00:00:01");
        }

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            ValidateWebhook(options.Webhooks[i], $"{Section}:Webhooks:{i}", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWebhook(WebhookOptions webhook, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(webhook.Url))
        {
            failures.Add($"{key}:Url is empty; give the receiver's address, e.g. https://hooks.example.com/rhvdr");
        }
        else if (!Uri.TryCreate(webhook.Url.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(url.Host))
        {
            failures.Add($"{key}:Url '{webhook.Url}' is not an absolute http(s) URL; use e.g. https://hooks.example.com/rhvdr");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            // Not echoed: the user info is a credential. HttpClient would not send it anyway.
            failures.Add($"{key}:Url carries a user name or password, which is not sent; remove it and let the receiver check {key}:Secret instead");
        }

        for (var j = 0; j < webhook.Events.Count; j++)
        {
            var eventName = webhook.Events[j]?.Trim();
            if (!NotificationEvents.All.Contains(eventName, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:Events:{j} '{webhook.Events[j]}' is not an event; use {string.Join(", ", NotificationEvents.All)} (or no Events for all of them)");
            }
        }

        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            if (webhook.Secret.Length is < MinSecretLength or > MaxSecretLength)
            {
                failures.Add($"{key}:Secret is {webhook.Secret.Length} characters; use {MinSecretLength} to {MaxSecretLength} (e.g. the output of openssl rand -hex 32)");
            }
            else if (webhook.Secret.Trim().Length != webhook.Secret.Length)
            {
                failures.Add($"{key}:Secret starts or ends with white space; receivers rarely keep it, so signatures would not match");
            }
        }

        if (webhook.Timeout < MinTimeout || webhook.Timeout > MaxTimeout)
        {
            failures.Add($"{key}:Timeout '{webhook.Timeout}' must be between {MinTimeout} and {MaxTimeout}");
        }
    }
}
