console.log('mnist asset: pending')
