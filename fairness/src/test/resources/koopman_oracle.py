# Independent oracle for Koopman's score interval: Koopman's original Pearson-form statistic (sum over both groups),
# restricted MLE by bisection on the likelihood equation, bounds by bisection; mpmath at 40 digits.
import mpmath as mp, sys
mp.mp.dps=40
def stat(x1,n1,x2,n2,r):
    f=lambda p2: (x1/(p2) if x1 else 0)-(n1-x1)*r/(1-r*p2)+(x2/p2 if x2 else 0)-(n2-x2)/(1-p2)
    a,b=mp.mpf('1e-35'),min(1,1/r)*(1-mp.mpf('1e-35'))
    for _ in range(400):
        m=(a+b)/2
        if f(m)>0: a=m
        else: b=m
    p2=(a+b)/2; p1=r*p2
    return (x1-n1*p1)**2/(n1*p1*(1-p1))+(x2-n2*p2)**2/(n2*p2*(1-p2))
def ci(x1,n1,x2,n2,conf):
    conf=mp.mpf(conf); z2=2*mp.erfinv(conf)**2
    est=(mp.mpf(x1)/n1)/(mp.mpf(x2)/n2) if x2 else None
    def solve(a,b):  # a inside (stat<z2), b outside
        for _ in range(300):
            m=mp.sqrt(a*b)
            if stat(x1,n1,x2,n2,m)<z2: a=m
            else: b=m
        return mp.sqrt(a*b)
    lo=0 if x1==0 else solve(est if est else mp.mpf(1), (est if est else 1)*mp.mpf('1e-8'))
    hi=mp.inf if x2==0 else solve(est if est else mp.mpf('1e-12'), mp.mpf('1e8'))
    return lo,hi
if __name__=='__main__':
    a=[int(v) for v in sys.argv[1:5]]; conf=sys.argv[5]
    print([mp.nstr(v,17) for v in ci(*a,conf)])
