using Billing.Domain.Payments;

namespace Billing.Domain.Sqlite.Tests.MultiProcess;

/// <summary>
/// A slow payment gateway shared by processes through two files: every refund call is logged to <c>asked</c>, and a
/// refund is made under its idempotency key at most once (the <c>made</c> file, read and appended under an exclusive
/// lock), as a real provider's idempotency keys behave.
/// </summary>
internal sealed class FileGateway(string folder, TimeSpan delay) : IPaymentGateway
{
    public string Asked => Path.Combine(folder, "asked");

    public string Made => Path.Combine(folder, "made");

    public Task<PaymentAttempt> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The racing workers only refund.");

    public Task<PaymentAttempt> QueryAsync(string orderId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The racing workers only refund.");

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Locked(Asked, lines => lines.Add(request.IdempotencyKey)).ConfigureAwait(false);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        await Locked(Made, lines =>
        {
            if (!lines.Contains(request.IdempotencyKey))
            {
                lines.Add(request.IdempotencyKey);
            }
        }).ConfigureAwait(false);
        return new RefundResult(true, "re_" + request.IdempotencyKey);
    }

    // Reads a file's lines, changes them and writes them back, holding the file exclusively.
    private static async Task Locked(string path, Action<List<string>> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(file, leaveOpen: true);
                var lines = new List<string>((await reader.ReadToEndAsync().ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
                change(lines);
                file.SetLength(0);
                await using var writer = new StreamWriter(file);
                await writer.WriteAsync(string.Join('\n', lines) + "\n").ConfigureAwait(false);
                return;
            }
            catch (IOException) when (attempt < 2_000)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }
        }
    }
}
