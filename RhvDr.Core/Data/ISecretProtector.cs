namespace RhvDr.Core.Data;

/// <summary>Encrypts secrets before they reach the database and decrypts them when read back. The host provides the keys.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the text was not protected with these keys.</summary>
    string Unprotect(string protectedText);
}
