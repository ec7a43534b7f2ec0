using Billing.Domain.Events;
using Billing.Domain.Invoices;

namespace Billing.Domain.Testing.Events;

/// <summary>An <see cref="IInvoiceDelivery"/> for tests: keeps what it was asked to send, in order, and fails while told to.</summary>
public sealed class InMemoryInvoiceDelivery : IInvoiceDelivery
{
    private readonly List<(ApplicationIssued Issued, RenderedDocument Document)> _sent = [];
    private readonly object _gate = new();

    /// <summary>Gets or sets a failure to throw instead of sending, as a mail server that is down would; null sends.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Gets what was sent, in order: each event with its document.</summary>
    public IReadOnlyList<(ApplicationIssued Issued, RenderedDocument Document)> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <inheritdoc/>
    public Task SendAsync(ApplicationIssued issued, RenderedDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(document);
        if (FailWith is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (_gate)
        {
            _sent.Add((issued, document));
        }

        return Task.CompletedTask;
    }
}
