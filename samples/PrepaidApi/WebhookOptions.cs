using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace PrepaidApi;

/// <summary>The bank's webhook settings (section <c>Payments</c>): the secret its notifications are signed with.</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Payments";

    /// <summary>The header carrying <c>sha256=</c> and the hex HMAC-SHA256 of the body under the secret.</summary>
    public const string SignatureHeader = "X-Bank-Signature";

    /// <summary>Gets or sets the shared secret; the API refuses to start without one.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Payments:WebhookSecret is not set: the bank's notifications cannot be verified without it.")]
    public string WebhookSecret { get; set; } = "";

    /// <summary>Returns the signature header's value for a body, as the bank computes it.</summary>
    public string Sign(ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body));

    /// <summary>Returns whether a signature header is the body's, compared in constant time.</summary>
    public bool Verifies(ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(signature));
}
