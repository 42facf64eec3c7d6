using Microsoft.AspNetCore.DataProtection;
using RhvDr.Core.Data;

namespace RhvDr.Console.Hosting;

/// <summary>Encrypts secrets kept in the database with ASP.NET Core Data Protection (keys in <c>RhvDr:DataProtection:KeysPath</c>).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("RhvDr.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
