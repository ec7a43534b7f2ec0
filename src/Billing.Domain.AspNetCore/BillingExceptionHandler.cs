using Billing.Domain.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Billing.Domain.AspNetCore;

/// <summary>Answers a <see cref="BillingException"/> or an argument error as problem details; leaves every other exception to the host's next handler.</summary>
internal sealed class BillingExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (BillingProblems.FromException(exception) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem.ToProblemDetails(),
        }).ConfigureAwait(false);
    }
}
