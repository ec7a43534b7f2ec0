using Billing.Domain.Payments;
using Billing.Domain.TopUps;
using NodaTime;

namespace Billing.Domain.Testing.Payments;

/// <summary>
/// A payment gateway in memory that tests script per order: succeed, succeed at once, decline, time out, call back
/// twice or pay another amount. Confirmations it would post to the host's webhook wait in a queue until
/// <see cref="DeliverCallbacksAsync"/> hands them to the host, in the order chosen.
/// </summary>
public sealed class InMemoryPaymentGateway : IPaymentGateway
{
    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly Dictionary<string, PaymentScript> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaymentAttempt> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefundResult> _refunds = new(StringComparer.Ordinal);
    private readonly List<PaymentConfirmation> _callbacks = [];
    private readonly List<PaymentRequest> _requests = [];
    private PaymentScript _default = PaymentScript.Succeed();
    private readonly List<RefundRequest> _refundRequests = [];
    private readonly List<RefundRequest> _refundsMade = [];
    private string? _refundDecline;
    private bool _timeOutRefunds;
    private Func<RefundRequest, Task>? _beforeRefund;

    /// <summary>Initializes a gateway whose payments succeed with one callback unless scripted otherwise.</summary>
    /// <param name="clock">The clock stamping payments.</param>
    public InMemoryPaymentGateway(IClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Gets every payment request received, in order.</summary>
    public IReadOnlyList<PaymentRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets every refund request received, in order, repeated ones included.</summary>
    public IReadOnlyList<RefundRequest> RefundRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _refundRequests];
            }
        }
    }

    /// <summary>Gets the confirmations waiting to be delivered.</summary>
    public IReadOnlyList<PaymentConfirmation> PendingCallbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    /// <summary>Scripts how one order's payment behaves.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="script">The behaviour.</param>
    public void Script(string orderId, PaymentScript script)
    {
        lock (_gate)
        {
            _scripts[orderId] = script ?? throw new ArgumentNullException(nameof(script));
        }
    }

    /// <summary>Scripts how payments of orders not scripted one by one behave.</summary>
    /// <param name="script">The behaviour.</param>
    public void ScriptByDefault(PaymentScript script)
    {
        lock (_gate)
        {
            _default = script ?? throw new ArgumentNullException(nameof(script));
        }
    }

    /// <summary>Makes every later refund (a new idempotency key) be declined with a reason, or accepted again when null.</summary>
    /// <param name="reason">The decline reason, or null.</param>
    public void DeclineRefunds(string? reason)
    {
        lock (_gate)
        {
            _refundDecline = reason;
        }
    }

    /// <summary>Makes every later refund be made but its answer lost: the call throws <see cref="TimeoutException"/> after refunding (or stops doing so when false).</summary>
    /// <param name="timeOut">True to lose the answers.</param>
    public void TimeOutRefunds(bool timeOut)
    {
        lock (_gate)
        {
            _timeOutRefunds = timeOut;
        }
    }

    /// <summary>Gets the refunds the gateway made (each idempotency key once), in order.</summary>
    public IReadOnlyList<RefundRequest> RefundsMade
    {
        get
        {
            lock (_gate)
            {
                return [.. _refundsMade];
            }
        }
    }

    /// <summary>Runs <paramref name="hook"/> inside every later refund call, before the gateway answers: a slow gateway, or other commands racing the refund.</summary>
    /// <param name="hook">What to run, or null to answer at once again.</param>
    public void BeforeRefund(Func<RefundRequest, Task>? hook)
    {
        lock (_gate)
        {
            _beforeRefund = hook;
        }
    }

    /// <summary>Hands every waiting confirmation to the host's handler, oldest first (or newest first), and empties the queue.</summary>
    /// <param name="handler">The host's webhook handler.</param>
    /// <param name="newestFirst">True to deliver them out of order, newest first.</param>
    /// <returns>The number delivered.</returns>
    public async Task<int> DeliverCallbacksAsync(Func<PaymentConfirmation, Task> handler, bool newestFirst = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        List<PaymentConfirmation> batch;
        lock (_gate)
        {
            batch = [.. _callbacks];
            _callbacks.Clear();
        }

        if (newestFirst)
        {
            batch.Reverse();
        }

        foreach (var confirmation in batch)
        {
            await handler(confirmation).ConfigureAwait(false);
        }

        return batch.Count;
    }

    /// <inheritdoc/>
    public Task<PaymentAttempt> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            _requests.Add(request);
            if (_payments.TryGetValue(request.OrderId, out var known))
            {
                return Task.FromResult(known);   // the order id is the idempotency key: never charged twice
            }

            var script = _scripts.GetValueOrDefault(request.OrderId) ?? _default;
            var reference = "pay_" + request.OrderId;
            if (script.Kind == PaymentScriptKind.Decline)
            {
                return Task.FromResult(_payments[request.OrderId] = new PaymentAttempt(request.OrderId, PaymentAttemptStatus.Declined, reference, DeclineReason: script.Reason));
            }

            var paid = new PaymentAttempt(request.OrderId, PaymentAttemptStatus.Succeeded, reference, script.Amount ?? request.Amount, _clock.GetCurrentInstant());
            _payments[request.OrderId] = paid;
            for (var i = 0; i < script.Callbacks; i++)
            {
                _callbacks.Add(new PaymentConfirmation(request.OrderId, reference, paid.AmountPaid!.Value, paid.PaidAt!.Value));
            }

            return script.Kind switch
            {
                PaymentScriptKind.TimeOut => Task.FromException<PaymentAttempt>(new TimeoutException($"The gateway did not answer for order {request.OrderId}.")),
                PaymentScriptKind.SucceedAtOnce => Task.FromResult(paid),
                _ => Task.FromResult(new PaymentAttempt(request.OrderId, PaymentAttemptStatus.Pending, reference)),
            };
        }
    }

    /// <inheritdoc/>
    public Task<PaymentAttempt> QueryAsync(string orderId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_payments.GetValueOrDefault(orderId) ?? new PaymentAttempt(orderId, PaymentAttemptStatus.Pending));
        }
    }

    /// <inheritdoc/>
    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Func<RefundRequest, Task>? hook;
        lock (_gate)
        {
            _refundRequests.Add(request);
            hook = _beforeRefund;
        }

        if (hook is not null)
        {
            await hook(request).ConfigureAwait(false);
        }

        lock (_gate)
        {
            // The idempotency key: the same refund asked again gets the first answer and is never made twice.
            if (!_refunds.TryGetValue(request.IdempotencyKey, out var answer))
            {
                answer = _refundDecline is { } reason
                    ? new RefundResult(false, DeclineReason: reason)
                    : new RefundResult(true, "re_" + request.IdempotencyKey);
                _refunds[request.IdempotencyKey] = answer;
                if (answer.Refunded)
                {
                    _refundsMade.Add(request);
                }
            }

            return _timeOutRefunds ? throw new TimeoutException($"The gateway did not answer the refund {request.IdempotencyKey}.") : answer;
        }
    }
}
